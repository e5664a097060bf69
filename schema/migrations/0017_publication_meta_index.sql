-- What a results read asks of every published wave (its threshold, whether it shows anything, the
-- stamp of its text) without seeking into the publications table itself: a WITHOUT ROWID table
-- keeps each row whole in its B-tree, about 160 KB at 40 partners, and a seek by wave id reads
-- every row it compares against whole (0.05 ms each, ~40 per dashboard read: 2.3 ms). The reads
-- name this index (INDEXED BY, worker/db/publications.ts and worker/db/shown-wave-sql.ts) and seek
-- a text only where they send it (BENCHMARKS.md, "Where a dashboard read's time goes").
CREATE INDEX publications_meta ON publications (wave_id, shows, stamp, k);
