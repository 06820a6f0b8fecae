REFRESH MATERIALIZED VIEW daily_totals; -- warning: [require-concurrent-refresh]

-- Near misses: CONCURRENTLY, WITH NO DATA, a view created in this migration.
REFRESH MATERIALIZED VIEW CONCURRENTLY weekly_totals;
REFRESH MATERIALIZED VIEW monthly_totals WITH NO DATA;
CREATE MATERIALIZED VIEW fresh AS SELECT 1 AS one;
REFRESH MATERIALIZED VIEW fresh;

-- miglint-ignore: require-concurrent-refresh -- nobody reads it during deploys
REFRESH MATERIALIZED VIEW yearly_totals;
