-- A wave's days are Dutch days (schema/format.ts `TIME_ZONE`): a wave set to open on day D opens at
-- midnight in Amsterdam, 23:00 UTC the day before in winter and 22:00 in summer. Until now the day
-- boundaries were UTC midnights, so those stored are moved to the Amsterdam midnight of the same
-- calendar day: a wave set "open from 1 December to 30 December" keeps those days. Only a value
-- exactly at UTC midnight is a day boundary; a wave opened or closed "now" keeps its moment.
-- Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
-- October, so the midnight starting day D is in summer time when D is after the first and not after
-- the second (the Sundays' own midnights fall before the change). The same rule moves the days of a
-- dump made before this migration (worker/cli/backup.ts `checkDump`); tests/worker/schema/migrations.test.ts
-- holds the two to each other.

UPDATE waves SET closes_at = strftime('%Y-%m-%dT%H:%M:%fZ', date(closes_at),
    CASE WHEN date(closes_at) > date(strftime('%Y', closes_at) || '-03-25', 'weekday 0')
          AND date(closes_at) <= date(strftime('%Y', closes_at) || '-10-25', 'weekday 0')
      THEN '-2 hours' ELSE '-1 hour' END)
  WHERE strftime('%H:%M:%f', closes_at) = '00:00:00.000';

-- An opening moved earlier could reach back before a wave of the programme that was closed "now"
-- in the last hours before the old UTC midnight; it opens when that one closed instead, so no two
-- waves overlap (closings only move earlier, which shortens a period, and were moved above). The
-- moved openings are worked out in a table of their own first, as the closings were set above.
CREATE TABLE wave_openings_moved AS
  SELECT id, programme_id, opens_at AS was, strftime('%Y-%m-%dT%H:%M:%fZ', date(opens_at),
    CASE WHEN date(opens_at) > date(strftime('%Y', opens_at) || '-03-25', 'weekday 0')
          AND date(opens_at) <= date(strftime('%Y', opens_at) || '-10-25', 'weekday 0')
      THEN '-2 hours' ELSE '-1 hour' END) AS shifted
  FROM waves WHERE strftime('%H:%M:%f', opens_at) = '00:00:00.000';
UPDATE waves SET opens_at = (
    SELECT max(m.shifted, coalesce((SELECT max(o.closes_at) FROM waves o
        WHERE o.programme_id = m.programme_id AND o.id <> m.id AND o.closes_at > m.shifted AND o.closes_at <= m.was),
      m.shifted))
    FROM wave_openings_moved m WHERE m.id = waves.id)
  WHERE id IN (SELECT id FROM wave_openings_moved);
DROP TABLE wave_openings_moved;

-- The cadence's next opening is a day the lead chose on the setup page, like a wave's.
UPDATE programmes SET next_wave_at = strftime('%Y-%m-%dT%H:%M:%fZ', date(next_wave_at),
    CASE WHEN date(next_wave_at) > date(strftime('%Y', next_wave_at) || '-03-25', 'weekday 0')
          AND date(next_wave_at) <= date(strftime('%Y', next_wave_at) || '-10-25', 'weekday 0')
      THEN '-2 hours' ELSE '-1 hour' END)
  WHERE strftime('%H:%M:%f', next_wave_at) = '00:00:00.000';
