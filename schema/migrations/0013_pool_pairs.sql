-- Pairwise moments over all of a role's items (README, "Measurement quality and the researcher's export"): the
-- all-items cross-products of 0012_pool_items.sql count only answer sets that answered every
-- scored question, about 29% of staff's with 5% "don't know" per question. Per pair of items, over
-- the answer sets that answered both: n, the two items' sums and the cross-product sum, in the
-- layout of worker/domain/pooled-covariance.ts `pairsVector`. Per wave × role, pooled over
-- partners like `moments` and never per partner, added to in the submission's one batch
-- (worker/db/pool-moments.ts). NULL for a pool counted before it was kept, and then it stays NULL.
ALTER TABLE pool_moments ADD COLUMN pairs TEXT;
