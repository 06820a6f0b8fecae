CREATE TABLE audit ( -- note: [ban-edited-migration]
  id int
);
