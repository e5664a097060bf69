/** Whether D1 answers a query at all: what /api/health reports. */
export async function databaseAnswers(db: D1Database): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS ok').first<{ ok: number }>())?.ok === 1
}
