-- The platform measures its own instrument: per wave × role the moments of every answer
-- set of that role, pooled over all partners, for Cronbach's α, item–rest correlations and a
-- researcher's covariance matrix. Never per partner: the cross-products of a small group come
-- close to giving its answers away. The instrument version follows from the wave.
-- `moments` is one JSON array of numbers in the layout of worker/domain/measurement-quality.ts
-- `poolVector`; a submission adds its own vector to it element by element, in the same batch that
-- stores the answer set (worker/db/responses.ts), so the row changes once per submission.
CREATE TABLE pool_moments (
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('medewerker', 'teammanager', 'tactisch')),
  moments TEXT NOT NULL,
  PRIMARY KEY (wave_id, role)
) WITHOUT ROWID;
