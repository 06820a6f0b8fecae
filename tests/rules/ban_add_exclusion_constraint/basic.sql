ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&); -- warning: [ban-add-exclusion-constraint]

-- Near miss: created with its table.
CREATE TABLE slots (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));

-- miglint-ignore: ban-add-exclusion-constraint -- a few hundred rows
ALTER TABLE desks ADD CONSTRAINT desk_overlap EXCLUDE USING gist (desk WITH =, during WITH &&);
