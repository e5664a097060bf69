-- Until this release a wave × role's pool over its cells shown whole (0014_pool_shown.sql) was kept
-- only where the wave's own pool held more than the shown cells: where a hidden group had answered
-- or something was hidden inside a shown cell. Once the answer sets are purged, that pool alone
-- decides whether the quality view still shows, so for a wave purged before this release it would
-- tell whether a hidden group answered (a hostile reader's review). From this release
-- on the pool is made the same way for every wave and kept before the purge (worker/services/
-- quality-service.ts `keepPoolsBeforePurge`); a wave already purged keeps none, and its view is
-- refused alike ('hidden-groups'), whatever its hidden groups did.
UPDATE pool_moments SET shown = NULL
  WHERE shown IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = pool_moments.wave_id AND r.role = pool_moments.role);
