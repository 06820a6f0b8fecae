-- 1.1 and 1.10 differ: each part is a number.
CREATE TABLE c (id int);
