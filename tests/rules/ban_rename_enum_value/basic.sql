ALTER TYPE status RENAME VALUE 'gone' TO 'deleted'; -- warning: [ban-rename-enum-value]

-- Near miss: adding a value.
ALTER TYPE status ADD VALUE 'archived';

-- miglint-ignore: ban-rename-enum-value -- the value was never released
ALTER TYPE status RENAME VALUE 'draft' TO 'pending';
