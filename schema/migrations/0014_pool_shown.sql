-- The pooled moments of a published wave × role over the partner cells it shows whole (README,
-- "Measurement quality and the researcher's export"): a pool that also holds a hidden group's
-- answer sets, or answers hidden inside a shown cell, cannot be shown (pool minus the published
-- totals would be those answers), and with many partners some group is nearly always too small.
-- So, once the wave is published, the answer sets of the cells with nothing hidden are pooled again
-- from the stored answer sets, in the layouts of `moments`, `items` and `pairs`, with the ids of
-- those partners: JSON {"partners": [...], "moments": [...], "items": [...], "pairs": [...]}
-- (worker/db/pool-moments.ts `keepShownPool`). NULL until made; made once, a publication never changing.
ALTER TABLE pool_moments ADD COLUMN shown TEXT;
