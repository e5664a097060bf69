-- Cross-products over all of a role's items, for a researcher's covariance matrix across
-- scales: per wave × role, pooled over partners like `moments` and never per partner, over the
-- answer sets that answered every scored question of the role. One JSON array in the layout of
-- worker/domain/pooled-covariance.ts `itemsVector` (n, item sums, cross-products i ≤ j), added to
-- in the submission's one batch (worker/db/pool-moments.ts). NULL for a pool counted before it
-- was kept: it then stays NULL, as a sum of only the later answer sets would be no pool's.
-- The partner cells' first moments it is set against (complete answer sets' item sums) are kept
-- in the rollup cell itself, under the key "@items" of `stats`.
ALTER TABLE pool_moments ADD COLUMN items TEXT;
