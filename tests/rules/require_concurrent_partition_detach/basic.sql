ALTER TABLE events DETACH PARTITION events_2023; -- warning: [require-concurrent-partition-detach]

-- Near misses: CONCURRENTLY and ATTACH.
ALTER TABLE events DETACH PARTITION events_2022 CONCURRENTLY;
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- miglint-ignore: require-concurrent-partition-detach -- during the maintenance window
ALTER TABLE events DETACH PARTITION events_2021;
