import { ROLES, type Role } from '../../schema/instrument.ts'
import { nameKey } from '../../schema/partner-names.ts'
import {
  createPartner,
  listPartners,
  readPartner,
  removePartner,
  updatePartner,
  type Partner,
} from '../db/programmes.ts'
import { changedMeanwhile } from '../db/meanwhile.ts'
import { recordWaveChange } from '../db/publications.ts'
import { listWaves } from '../db/waves.ts'
import type { Actor } from '../db/audit.ts'
import { headcountDetail, partnerChanges } from '../domain/audit-changes.ts'
import { takesPart, waveState } from '../domain/wave-lifecycle.ts'
import { recordChanges } from './audit-trail.ts'
import { forgetLinks } from './link-service.ts'
import { type Refusal, refuse } from './refusal.ts'

/** What a request may say of a partner's headcounts: `headcount` is the staff headcount, `headcounts` any role's. */
type HeadcountsBody = {
  headcount?: number | null
  headcounts?: Partial<Record<Role, number | null | undefined>>
}

const NO_HEADCOUNTS: Record<Role, number | null> = { medewerker: null, teammanager: null, tactisch: null }

/** Headcounts after a request; what is left out stays. */
function withHeadcounts(current: Record<Role, number | null>, body: HeadcountsBody) {
  const next = { ...current }
  for (const role of ROLES) if (body.headcounts?.[role] !== undefined) next[role] = body.headcounts[role]!
  if (body.headcount !== undefined) next.medewerker = body.headcount
  return next
}

/**
 * The partner `id` of programme `programmeId`; a partner of another programme is refused as one
 * that does not exist, with `orElse` (by default `partner-not-found`).
 */
export async function partnerOf(
  db: D1Database,
  programmeId: string,
  id: string,
  orElse: () => Refusal = () => refuse('partner-not-found'),
): Promise<Partner> {
  const partner = await readPartner(db, id)
  if (!partner || partner.programmeId !== programmeId) throw orElse()
  return partner
}

/**
 * The refusal of a write guarded by its partners as read (worker/db/meanwhile.ts) when a guard
 * failed it: of the first of `partners` that is gone (`partner-removed-meanwhile`) or reads
 * otherwise now (`partner-changed-meanwhile`). Nothing was written; the lead reloads.
 */
export async function partnerMeanwhile(db: D1Database, partners: Partner[]): Promise<Refusal> {
  for (const p of partners) {
    const now = await readPartner(db, p.id)
    if (!now || now.programmeId !== p.programmeId) return refuse('partner-removed-meanwhile', { name: p.name })
    const same = now.name === p.name && ROLES.every((r) => now.headcounts[r] === p.headcounts[r])
    if (!same) return refuse('partner-changed-meanwhile', { name: p.name })
  }
  // Changed and changed back between the batch and this read: said as changed all the same.
  return refuse('partner-changed-meanwhile', { name: partners[0]!.name })
}

/** The partner of the programme, other than `except`, whose name reads as `name`. */
async function namesake(db: D1Database, programmeId: string, name: string, except?: string) {
  const key = nameKey(name)
  return (await listPartners(db, programmeId)).find((p) => p.id !== except && nameKey(p.name) === key)
}

/** Adds a partner to programme `programmeId`, by `actor`, recorded in the trail with its headcounts. */
export async function addPartner(
  db: D1Database,
  programmeId: string,
  body: HeadcountsBody & { name: string },
  actor: Actor,
): Promise<Partner> {
  const same = await namesake(db, programmeId, body.name)
  if (same) throw refuse('partner-exists', { name: same.name })
  const partner = await createPartner(db, programmeId, body.name, withHeadcounts(NO_HEADCOUNTS, body))
  if (!partner) throw refuse('partner-exists', { name: body.name })
  await recordChanges(db, programmeId, actor, {
    action: 'partner.added',
    target: partner.name,
    detail: headcountDetail(partner.headcounts),
  })
  return partner
}

/**
 * How partners' new headcounts are recorded for the waves of programme `programmeId` open now: a
 * headcount changed while a wave is open bounds that wave's group differently (a group takes at
 * most its headcount of answer sets), so each wave the partner takes part in gets a record per
 * role changed, shown to every reader beside the numbers (README, "Threat model"). The waves are
 * read once, for one edit (`changePartner`) or a whole paste (worker/services/partner-import.ts).
 */
export async function headcountRecorder(
  db: D1Database,
  programmeId: string,
  now = new Date(),
): Promise<(partner: Partner, headcounts: Record<Role, number | null>) => D1PreparedStatement[]> {
  const open = (await listWaves(db, programmeId)).filter((w) => waveState(w, now) === 'open')
  return (partner, headcounts) =>
    open
      .filter((w) => takesPart(partner, w))
      .flatMap((w) =>
        ROLES.filter((r) => headcounts[r] !== partner.headcounts[r]).map((role) =>
          recordWaveChange(
            db,
            w.id,
            {
              partnerId: partner.id,
              role,
              kind: 'headcount',
              headcountFrom: partner.headcounts[role],
              headcountTo: headcounts[role],
            },
            now,
          ),
        ),
      )
}

/**
 * Renames partner `partnerId` of programme `programmeId` or sets its headcounts, by `actor`, each
 * change in the trail. A headcount changed while a wave is open bounds that wave's group
 * differently, so it is recorded for that wave; a survey link shows the partner's name, so this
 * isolate's link cache (`link-service.ts`) is emptied. A partner removed or changed since it was
 * read is refused (`partnerMeanwhile`), nothing written.
 */
export async function changePartner(
  db: D1Database,
  programmeId: string,
  partnerId: string,
  body: HeadcountsBody & { name?: string },
  actor: Actor,
): Promise<Partner> {
  const partner = await partnerOf(db, programmeId, partnerId)
  const headcounts = withHeadcounts(partner.headcounts, body)
  const next = { ...partner, name: body.name ?? partner.name, headcount: headcounts.medewerker, headcounts }
  const taken = () => refuse('partner-exists', { name: next.name })
  // Asked first, so a refused rename records no headcount change either. Only of a new name: two
  // partners that read alike from before the check (a hostile review) keep their headcounts changeable.
  const renamed = body.name !== undefined && nameKey(body.name) !== nameKey(partner.name)
  const same = renamed ? await namesake(db, partner.programmeId, next.name, partner.id) : undefined
  if (same) throw refuse('partner-exists', { name: same.name })
  const records = (await headcountRecorder(db, partner.programmeId))(partner, headcounts)
  let written: boolean
  try {
    written = await updatePartner(db, partner, next, records)
  } catch (error) {
    // Removed or changed since it was read: the records and the trail would be of another partner.
    if (changedMeanwhile(error) === 'partner') throw await partnerMeanwhile(db, [partner])
    throw error
  }
  if (!written) throw taken()
  forgetLinks()
  await recordChanges(db, programmeId, actor, partnerChanges(partner, next))
  return next
}

/**
 * Removes partner `partnerId` of programme `programmeId` when nobody answered for it, with its
 * headcounts and the links of waves that are not open, by `actor`, recorded in the trail; one with
 * answer sets, a working link in an open wave or viewers limited to it stays, with what to do instead.
 */
export async function dropPartner(
  db: D1Database,
  programmeId: string,
  partnerId: string,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  const partner = await partnerOf(db, programmeId, partnerId)
  const inUse = await removePartner(db, partner.id, now)
  if (inUse)
    throw refuse(
      (
        {
          answers: 'partner-has-answers',
          links: 'partner-has-links',
          people: 'partner-has-viewers',
          gone: 'partner-removed-meanwhile',
        } as const
      )[inUse],
      { name: partner.name },
    )
  forgetLinks()
  await recordChanges(db, programmeId, actor, { action: 'partner.removed', target: partner.name })
}
