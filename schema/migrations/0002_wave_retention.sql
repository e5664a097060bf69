-- Whole waves (rollups included) older than this many years after closing are deleted by the
-- scheduled handler; NULL keeps them. Answer sets go much earlier (retention_days).
ALTER TABLE programmes ADD COLUMN wave_retention_years INTEGER CHECK (wave_retention_years IS NULL OR wave_retention_years >= 1);
