CREATE TABLE a (id int); -- warning: [require-down-migration]
