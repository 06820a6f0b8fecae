CREATE TABLE items (
  id integer PRIMARY KEY,
  code varchar(50),
  label varchar(50),
  body text,
  price numeric(10, 2),
  net cidr,
  seen_at timestamp,
  tags varchar(20)[]
);
