-- Dropped inside a DO block with nothing to bring it back.
DO $$
BEGIN
  DROP VIEW active_users; -- warning: [ban-drop-view]
END $$;
-- Near miss: the block recreates it from SQL built at run time, which miglint cannot read.
DO $$
DECLARE definition text;
BEGIN
  SELECT view_definition INTO definition FROM information_schema.views WHERE table_name = 'order_totals';
  DROP VIEW order_totals;
  ALTER TABLE orders ALTER COLUMN note TYPE text;
  EXECUTE format('CREATE VIEW order_totals AS %s', definition);
END $$;
