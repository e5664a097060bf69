import {
  type LineFault,
  MAX_PARTNER_LINES,
  nameKey,
  type PartnerLine,
  pastedLines,
  readPartnerLines,
} from '../../schema/partner-names.ts'
import { type Actor, auditStatement } from '../db/audit.ts'
import { isNameTaken, listPartners, type Partner, partnerInsert } from '../db/programmes.ts'
import { headcountDetail } from '../domain/audit-changes.ts'
import { refuse } from './refusal.ts'

/** The lines whose name a partner of the programme has already, as read (`nameKey`). */
async function takenBy(db: D1Database, programmeId: string, lines: PartnerLine[]): Promise<LineFault[]> {
  const taken = new Map((await listPartners(db, programmeId)).map((p) => [nameKey(p.name), p.name]))
  return lines.flatMap(({ line, body }) => {
    const name = taken.get(nameKey(body.name))
    return name === undefined ? [] : [{ line, kind: 'partner-exists' as const, name }]
  })
}

/** The refusal of a paste, naming every failing line in the order of the text. */
const refuseLines = (faults: LineFault[]) =>
  refuse('partner-lines-invalid', { faults: [...faults].sort((a, b) => a.line - b.line) })

/**
 * Adds every partner of a paste (`readPartnerLines`, schema/partner-names.ts: one a line, a name and
 * its headcounts) to programme `programmeId`, by `actor`, or none: a line the single add would
 * refuse, a name twice in the paste or one the programme has refuses the whole paste, naming each
 * such line. The partners and their trail entries, as a single add writes them
 * (worker/services/partner-service.ts `addPartner`), go in one batch, so a partner of the same name
 * added meanwhile fails the batch on the name's key (schema/migrations/0018_partner_name_key.sql)
 * and nothing of the paste stays.
 */
export async function importPartners(
  db: D1Database,
  programmeId: string,
  text: string,
  actor: Actor,
): Promise<Partner[]> {
  const count = pastedLines(text).length
  if (count === 0) throw refuse('no-partner-lines')
  if (count > MAX_PARTNER_LINES) throw refuse('too-many-partner-lines', { count, max: MAX_PARTNER_LINES })
  const { lines, faults } = readPartnerLines(text)
  // A header row alone holds no partner either.
  if (lines.length === 0 && faults.length === 0) throw refuse('no-partner-lines')
  const all = [...faults, ...(await takenBy(db, programmeId, lines))]
  if (all.length) throw refuseLines(all)
  const made = lines.map(({ body }) =>
    partnerInsert(db, programmeId, body.name, {
      medewerker: body.headcounts?.medewerker ?? null,
      teammanager: body.headcounts?.teammanager ?? null,
      tactisch: body.headcounts?.tactisch ?? null,
    }),
  )
  const now = new Date()
  try {
    await db.batch(
      made.flatMap(({ statement, partner }) => [
        statement,
        auditStatement(
          db,
          {
            programmeId,
            actor,
            action: 'partner.added',
            target: partner.name,
            detail: headcountDetail(partner.headcounts),
          },
          now,
        ),
      ]),
    )
  } catch (error) {
    if (!isNameTaken(error)) throw error
    // Another lead added one of these names meanwhile: named as if it had been there before.
    const late = await takenBy(db, programmeId, lines)
    throw late.length ? refuseLines(late) : refuse('partner-exists', { name: lines[0]!.body.name })
  }
  return made.map((m) => m.partner)
}
