-- The anonymity threshold (MIN_GROUP_SIZE) a wave was opened under. Dashboards use the larger of
-- this and the current setting, so lowering the setting later never shows a group smaller than
-- the respondents were promised when they answered. NULL (waves from before) uses the setting.
ALTER TABLE waves ADD COLUMN min_group_size INTEGER CHECK (min_group_size IS NULL OR min_group_size >= 3);
