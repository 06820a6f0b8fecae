-- miglint-ignore-file: ban-edited-migration -- typo fix in a comment, applied everywhere
CREATE TABLE orders (id bigint PRIMARY KEY);
