import { ROLES, type Instrument, type Role } from '../../schema/instrument.ts'
import { TOKEN_PATTERN } from '../db/ids.ts'
import { unseal } from '../auth/seal.ts'
import {
  createLink,
  findLink,
  groupHadWayIn,
  listAskedGroups,
  listLinks,
  replaceLinks,
  revokeLink,
  takeSealed,
  type LinkTarget,
} from '../db/links.ts'
import { changedMeanwhile, partnersThere, waveThere } from '../db/meanwhile.ts'
import { listPartners, readPartner, type Partner } from '../db/programmes.ts'
import { readWaveChanges, recordWaveChange } from '../db/publications.ts'
import type { Wave } from '../db/waves.ts'
import type { Actor } from '../db/audit.ts'
import { linkTarget, type Change } from '../domain/audit-changes.ts'
import { belowGroupSize, groupBound, groupSizeOf, waveState, whyNoLink } from '../domain/wave-lifecycle.ts'
import { recordChanges } from './audit-trail.ts'
import { Refusal, refuse } from './refusal.ts'
import { findInstrument } from './instrument-catalogue.ts'

/**
 * Survey links (collector links), both ways: a respondent's token opened through a short cache,
 * and a lead making them for a wave's groups, one at a time or a working link for every group at
 * once. A token exists only in what the makers return (the caller shows it once); what was made,
 * revealed or revoked goes in the programme's trail, by the lead who acted (`actor`).
 */

/**
 * Links this isolate looked up in the last few seconds. A team that answers together after a
 * meeting submits through one link many times a minute; each submission then costs the batch it
 * writes and not also a read. Revoking a link or changing a wave empties the cache in the isolate
 * that did it; other isolates see the change within LINK_CACHE_MS. Tokens stay in memory only.
 */
const LINK_CACHE_MS = 5_000
const LINK_CACHE_MAX = 2_000
const linkCache = new Map<string, { link: LinkTarget; until: number }>()

async function cachedLink(db: D1Database, token: string): Promise<LinkTarget | null> {
  const now = Date.now()
  const hit = linkCache.get(token)
  if (hit && hit.until > now) return hit.link
  const link = await findLink(db, token)
  if (linkCache.size >= LINK_CACHE_MAX) linkCache.clear()
  if (link) linkCache.set(token, { link, until: now + LINK_CACHE_MS })
  else linkCache.delete(token)
  return link
}

/** After a lead revokes a link or changes a wave: this isolate reads links afresh. */
export const forgetLinks = () => linkCache.clear()

/** A token that names nothing, or a withdrawn link: the same answer for both. */
export const unknownLink = () => refuse('unknown-survey-link')

/**
 * What a survey token names, and the wave's instrument. Shared by the API and the survey page.
 * Throws 404 for a token that does not exist or was revoked, 410 for a wave that is not open.
 */
export async function openLink(
  db: D1Database,
  token: string,
): Promise<{ link: LinkTarget; instrument: Instrument; state: 'planned' | 'open' | 'closed' }> {
  const link = TOKEN_PATTERN.test(token) ? await cachedLink(db, token) : null
  if (!link || link.revoked) {
    throw unknownLink()
  }
  const instrument = findInstrument(link.wave.instrument, link.wave.instrumentVersion)
  if (!instrument) throw new Error(`instrument ${link.wave.instrument} v${link.wave.instrumentVersion} is not shipped`)
  return { link, instrument, state: waveState(link.wave) }
}

/**
 * Whether a link's group takes answer sets: not when it holds its headcount already (said
 * kindly, before anyone starts), nor when it has no headcount at all (a link from before
 * headcounts were required; the statement that stores an answer set refuses both).
 */
export function groupClosedFor(link: Pick<LinkTarget, 'headcount' | 'answered'>): 'complete' | 'uncounted' | null {
  if (!link.headcount) return 'uncounted'
  return link.answered >= link.headcount ? 'complete' : null
}

/** A link made or revealed now, with its token. */
export type MadeLink = { id: string; partnerId: string; role: Role; token: string }

/** Why no link may be made for this group, as a refusal; null when one may (`whyNoLink`). */
function linkRefusal(wave: Wave, partner: Partner, role: Role): Refusal | null {
  const why = whyNoLink(wave, partner, role)
  if (why === 'wave-closed-for-links') return refuse(why)
  return why ? refuse(why, { partner: partner.name }) : null
}

/** The partner a link is asked for, if it is one of the wave's programme. */
async function partnerOfWave(db: D1Database, wave: Wave, partnerId: string): Promise<Partner> {
  const partner = await readPartner(db, partnerId)
  if (!partner || partner.programmeId !== wave.programmeId) {
    throw refuse('unknown-wave-partner', { partnerId: partnerId.slice(0, 60) })
  }
  return partner
}

/**
 * A link made while the wave is open, for a group that already had a way in (a link, or answers),
 * is recorded for every reader of the wave's results: it is how a lead would add answer sets of
 * their own. A group's first link, before anyone answered, is setting up, not a change.
 */
async function makeLink(db: D1Database, wave: Wave, partner: Partner, role: Role) {
  const recorded = waveState(wave) === 'open' && (await groupHadWayIn(db, wave.id, partner.id, role))
  const record = recordWaveChange(db, wave.id, {
    partnerId: partner.id,
    role,
    kind: 'link',
    headcountFrom: null,
    headcountTo: null,
  })
  // The link and its record in one batch, which the wave or partner removed since they were read fails.
  return guarded(db, wave, [partner], () =>
    createLink(db, wave.id, partner.id, role, stillThere(db, wave, [partner]), recorded ? [record] : []),
  )
}

/** The guards of a link's batch: its wave and its partners still there (worker/db/meanwhile.ts). */
const stillThere = (db: D1Database, wave: Wave, partners: Partner[]) => [
  waveThere(db, wave.id),
  partnersThere(
    db,
    wave.programmeId,
    partners.map((p) => p.id),
  ),
]

/**
 * `write`, a batch that begins with `stillThere`; the wave or a partner removed since it was read
 * fails it, and is refused with what to do instead of a missing row met in the batch (a 500).
 */
async function guarded<T>(db: D1Database, wave: Wave, partners: Partner[], write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const gone = changedMeanwhile(error)
    if (gone === 'wave') throw refuse('wave-removed-meanwhile', { label: wave.label })
    if (gone !== 'partner') throw error
    const left = new Set((await listPartners(db, wave.programmeId)).map((p) => p.id))
    const missing = partners.find((p) => !left.has(p.id)) ?? partners[0]!
    throw refuse('partner-removed-meanwhile', { name: missing.name })
  }
}

/** One new link for a partner × role of the wave, refused when the group may not have one. */
export async function linkFor(
  db: D1Database,
  wave: Wave,
  asked: { partnerId: string; role: Role },
  actor: Actor,
): Promise<MadeLink> {
  const partner = await partnerOfWave(db, wave, asked.partnerId)
  const refusal = linkRefusal(wave, partner, asked.role)
  if (refusal) throw refusal
  const { id, token } = await makeLink(db, wave, partner, asked.role)
  await recordChanges(db, wave.programmeId, actor, {
    action: 'link.made',
    target: linkTarget(wave, partner.name, asked.role),
  })
  return { id, partnerId: partner.id, role: asked.role, token }
}

/**
 * Every partner × role that may have a link gets a working one: made now where there is none,
 * revealed where the scheduled handler made one (sealed under `secret`). With `replace`, the
 * groups named (or all) get a new link instead and their old ones stop working, in one batch.
 * Groups that may not have one are listed with the reason. Asked for every group (no `groups`), a
 * group whose known headcount is below k and that has no working link is left out too
 * (`group-below-k`): it can never be shown, so its people would answer for nothing. A lead who
 * names the group still gets its link, and one whose link is replaced gets a new one (its old one
 * must stop working all the same).
 */
export async function linkSet(
  db: D1Database,
  wave: Wave,
  body: { replace?: boolean; groups?: { partnerId: string; role: Role }[] },
  settings: { secret: string | undefined; minGroupSize: number },
  actor: Actor,
): Promise<{
  made: MadeLink[]
  skipped: { partnerId: string; role: Role; refusal: Refusal }[]
}> {
  if (waveState(wave) === 'closed') throw refuse('wave-closed-for-links')
  const made: MadeLink[] = []
  const partners = await listPartners(db, wave.programmeId)
  const unknown = body.groups?.find((g) => !partners.some((p) => p.id === g.partnerId))
  if (unknown) {
    throw refuse('unknown-wave-partner', { partnerId: unknown.partnerId.slice(0, 60) })
  }
  const chosen = (partnerId: string, role: Role) =>
    !body.groups || body.groups.some((g) => g.partnerId === partnerId && g.role === role)
  const trail: Change[] = []
  if (!body.replace) {
    for (const s of await takeSealed(db, wave.id)) {
      const token = settings.secret ? await unseal(settings.secret, s.sealed) : null
      if (token) made.push({ id: s.id, partnerId: s.partnerId, role: s.role, token })
      // A token sealed under an earlier secret cannot be shown: revoke it, a new one is made below.
      else await revokeLink(db, wave.id, s.id)
      trail.push({
        action: token ? 'link.revealed' : 'link.revoked',
        target: linkTarget(wave, partners.find((p) => p.id === s.partnerId)?.name, s.role),
      })
    }
  }
  const active = (await listLinks(db, wave.id)).filter((l) => !l.revoked)
  const skipped: { partnerId: string; role: Role; refusal: Refusal }[] = []
  const k = groupSizeOf(wave, settings.minGroupSize)
  // Below k as the wave takes answer sets: by the largest headcount since it opened (`belowGroupSize`).
  const changes = waveState(wave) === 'open' ? ((await readWaveChanges(db, wave.programmeId)).get(wave.id) ?? []) : []
  // Which groups had a way in (a link, withdrawn or not, or answers), as `makeLink` asks it: a
  // replaced link goes on the wave's record by that, not by a working link alone; revoking the
  // group's link first and then asking for a replacement left no mark (a hostile review).
  const hadWayIn = body.replace && waveState(wave) === 'open' ? await listAskedGroups(db, wave.programmeId) : new Set()
  const replacing: { partner: Partner; role: Role; had: boolean; recorded: boolean }[] = []
  for (const partner of partners) {
    for (const role of ROLES) {
      if (!chosen(partner.id, role)) continue
      const has = active.some((l) => l.partnerId === partner.id && l.role === role)
      if (has && !body.replace) continue
      const refusal = linkRefusal(wave, partner, role)
      if (refusal) {
        skipped.push({ partnerId: partner.id, role, refusal })
        continue
      }
      if (!body.groups && !has && belowGroupSize(partner, role, k, changes)) {
        const n = groupBound(partner, role, changes)!
        skipped.push({ partnerId: partner.id, role, refusal: refuse('group-below-k', { partner: partner.name, n, k }) })
        continue
      }
      if (body.replace) {
        replacing.push({ partner, role, had: has, recorded: hadWayIn.has(`${wave.id}|${partner.id}|${role}`) })
        continue
      }
      let link: { id: string; token: string }
      try {
        link = await makeLink(db, wave, partner, role)
      } catch (error) {
        // The other groups' links are made and shown once: a partner gone meanwhile is skipped, said so.
        if (!(error instanceof Refusal && error.code === 'partner-removed-meanwhile')) throw error
        skipped.push({ partnerId: partner.id, role, refusal: error })
        continue
      }
      made.push({ id: link.id, partnerId: partner.id, role, token: link.token })
      trail.push({ action: 'link.made', target: linkTarget(wave, partner.name, role) })
    }
  }
  if (replacing.length) {
    // A new link in an open wave for a group that had a way in is one made while answers come: on the record (see makeLink).
    const records = replacing
      .filter((r) => r.recorded)
      .map((r) =>
        recordWaveChange(db, wave.id, {
          partnerId: r.partner.id,
          role: r.role,
          kind: 'link',
          headcountFrom: null,
          headcountTo: null,
        }),
      )
    const all = replacing.map((r) => r.partner)
    const fresh = await guarded(db, wave, all, () =>
      replaceLinks(
        db,
        wave.id,
        replacing.map((r) => ({ partnerId: r.partner.id, role: r.role })),
        records,
        stillThere(db, wave, all),
      ),
    )
    // This isolate must not keep answering from an old link it has cached.
    forgetLinks()
    for (const [i, r] of replacing.entries()) {
      const { id, token } = fresh[i]!
      made.push({ id, partnerId: r.partner.id, role: r.role, token })
      if (r.had) trail.push({ action: 'link.revoked', target: linkTarget(wave, r.partner.name, r.role) })
      trail.push({ action: 'link.made', target: linkTarget(wave, r.partner.name, r.role) })
    }
  }
  await recordChanges(db, wave.programmeId, actor, trail)
  return { made, skipped }
}

/** Revokes one link of the wave, by `actor`; the trail entry names its group. */
export async function revokeWaveLink(db: D1Database, wave: Wave, linkId: string, actor: Actor): Promise<void> {
  forgetLinks()
  const link = (await listLinks(db, wave.id)).find((l) => l.id === linkId)
  if (!(await revokeLink(db, wave.id, linkId))) throw refuse('wave-link-not-found')
  await recordChanges(db, wave.programmeId, actor, {
    action: 'link.revoked',
    target: linkTarget(wave, (await readPartner(db, link!.partnerId))?.name, link!.role),
  })
}
