-- migrate:up
-- dbmate's template leaves every down empty: this project does not use downs, so no finding.
CREATE TABLE a (id int);

-- migrate:down

