import {
  MAX_PARTNER_LINES,
  nameKey,
  type PartnerLine,
  pastedLines,
  readPartnerLines,
} from '../../schema/partner-names.ts'
import type { z } from 'zod'
import type { PartnerImportBody } from '../../schema/api.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { type Actor, auditStatement } from '../db/audit.ts'
import { isNameTaken, listPartners, type Partner, partnerInsert, partnerUpdate } from '../db/programmes.ts'
import { type Change, headcountDetail, partnerChanges } from '../domain/audit-changes.ts'
import { forgetLinks } from './link-service.ts'
import { changedMeanwhile, partnersAsRead } from '../db/meanwhile.ts'
import { headcountRecorder, partnerMeanwhile } from './partner-service.ts'
import { refuse } from './refusal.ts'

/** A headcount a skipped line gives otherwise than the table: what the table holds (null: not filled in) and the paste. */
type HeadcountDifference = { role: Role; stored: number | null; pasted: number }

/** A pasted line whose name a partner of the programme has (`nameKey`): left as it is, with what its headcounts say otherwise. */
type SkippedLine = { line: number; partner: Partner; differences: HeadcountDifference[] }

/**
 * What a paste did: the partners it added, in the order of the text; the lines whose partner's
 * headcounts it wrote (`headcounts: 'update'`), each with the partner as it is now and what it had
 * before (`stored`); and the lines it skipped, left as they are.
 */
type PartnerImport = { added: Partner[]; updated: SkippedLine[]; skipped: SkippedLine[] }

/**
 * What a paste does with the headcounts of a partner the programme has: `keep` them, telling each
 * one it gives otherwise, or `update` them to the paste's, as an edit of the partner would.
 */
type PastedHeadcounts = NonNullable<z.infer<typeof PartnerImportBody>['headcounts']>

/** How many times a paste is tried when partners of its names are added meanwhile. */
const MAX_TRIES = 3

/**
 * The lines whose name a partner of the programme has, as read, with each headcount the line gives
 * otherwise. An empty cell says "not known", not "none", so it differs from nothing; a number where
 * the table has none, or another one, is named for the lead to settle in the table.
 */
async function alreadyThere(db: D1Database, programmeId: string, lines: PartnerLine[]): Promise<SkippedLine[]> {
  const stored = new Map((await listPartners(db, programmeId)).map((p) => [nameKey(p.name), p]))
  return lines.flatMap(({ line, body }) => {
    const partner = stored.get(nameKey(body.name))
    if (!partner) return []
    const differences = ROLES.flatMap((role) => {
      const pasted = body.headcounts?.[role] ?? null
      const now = partner.headcounts[role]
      return pasted === null || pasted === now ? [] : [{ role, stored: now, pasted }]
    })
    return [{ line, partner, differences }]
  })
}

/**
 * Adds the partners of a paste (`readPartnerLines`, schema/partner-names.ts: one a line, a name and
 * its headcounts) to programme `programmeId`, by `actor`, all or none: a line the single add would
 * refuse or a name twice in the paste refuses the whole paste, naming each such line. A line whose
 * name a partner of the programme has is skipped, its partner left as it is: a lead who keeps the
 * list in a sheet pastes the whole sheet again with two rows added (a lead's walk-through with 40
 * partners), and a headcount it gives otherwise is told (`SkippedLine`), not written, since which
 * one is right only the lead knows. Told so, the lead sends the paste again with `headcounts`
 * `update`, and those headcounts are written as an edit of each partner writes them
 * (worker/services/partner-service.ts `changePartner`): the trail's `headcount.changed`, and for
 * a wave open now its record of the change (`headcountRecorder`). The partners and their trail
 * entries, as a single add writes them (`addPartner`), and the changed partners go in one batch; a
 * partner of one of the names added meanwhile fails it on the name's key
 * (schema/migrations/0018_partner_name_key.sql), nothing of it stays, and the paste is tried again
 * with that line skipped as well, as if the partner had been there before. A partner to update
 * that was removed or changed since it was read fails the batch on its guard
 * (worker/db/meanwhile.ts): the paste is refused, naming it, for the lead to reload and paste again.
 */
export async function importPartners(
  db: D1Database,
  programmeId: string,
  text: string,
  actor: Actor,
  headcounts: PastedHeadcounts = 'keep',
): Promise<PartnerImport> {
  const count = pastedLines(text).length
  if (count === 0) throw refuse('no-partner-lines')
  if (count > MAX_PARTNER_LINES) throw refuse('too-many-partner-lines', { count, max: MAX_PARTNER_LINES })
  const { lines, faults } = readPartnerLines(text)
  // A header row alone holds no partner either.
  if (lines.length === 0 && faults.length === 0) throw refuse('no-partner-lines')
  if (faults.length) throw refuse('partner-lines-invalid', { faults: [...faults].sort((a, b) => a.line - b.line) })
  const now = new Date()
  const recordFor = await headcountRecorder(db, programmeId, now)
  let there = await alreadyThere(db, programmeId, lines)
  // A try fails only when a name was added meanwhile, and the next skips it: a few tries end it.
  for (let tries = 1; ; tries++) {
    const skip = new Set(there.map((s) => s.line))
    const updated = headcounts === 'update' ? there.filter((s) => s.differences.length) : []
    const skipped = there.filter((s) => !updated.includes(s))
    const made = lines
      .filter(({ line }) => !skip.has(line))
      .map(({ body }) =>
        partnerInsert(db, programmeId, body.name, {
          medewerker: body.headcounts?.medewerker ?? null,
          teammanager: body.headcounts?.teammanager ?? null,
          tactisch: body.headcounts?.tactisch ?? null,
        }),
      )
    const changed = updated.map(({ line, partner, differences }) => {
      const next = { ...partner, headcounts: { ...partner.headcounts } }
      for (const d of differences) next.headcounts[d.role] = d.pasted
      next.headcount = next.headcounts.medewerker
      return { line, before: partner, next, differences }
    })
    if (made.length === 0 && changed.length === 0) return { added: [], updated: [], skipped }
    const trail = (change: Change) => auditStatement(db, { programmeId, actor, ...change }, now)
    try {
      await db.batch([
        // First: a partner updated that was removed or changed since it was read fails the batch here.
        ...(changed.length
          ? [
              partnersAsRead(
                db,
                changed.map((c) => c.before),
              ),
            ]
          : []),
        ...made.flatMap(({ statement, partner }) => [
          statement,
          trail({ action: 'partner.added', target: partner.name, detail: headcountDetail(partner.headcounts) }),
        ]),
        ...changed.flatMap(({ before, next }) => [
          partnerUpdate(db, next),
          ...recordFor(before, next.headcounts),
          ...partnerChanges(before, next).map(trail),
        ]),
      ])
      // A cached link holds its group's headcount (worker/services/link-service.ts): read afresh.
      if (changed.length) forgetLinks()
      return {
        added: made.map((m) => m.partner),
        updated: changed.map(({ line, next, differences }) => ({ line, partner: next, differences })),
        skipped,
      }
    } catch (error) {
      if (changedMeanwhile(error) === 'partner')
        throw await partnerMeanwhile(
          db,
          changed.map((c) => c.before),
        )
      if (!isNameTaken(error)) throw error
      const late = await alreadyThere(db, programmeId, lines)
      const news = late.find((s) => !skip.has(s.line))
      // The key refused a name no partner reads as now (one added and removed meanwhile), or names keep
      // coming: said as a name taken, for the lead to paste again.
      if (!news || tries === MAX_TRIES)
        throw refuse('partner-exists', { name: (news?.partner ?? made[0]!.partner).name })
      there = late
    }
  }
}
