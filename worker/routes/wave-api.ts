import type { Context } from 'hono'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { LinkBody, LinkSetBody, WavePatch } from '../../schema/api.ts'
import { unseal } from '../auth/seal.ts'
import { createLink, groupHadWayIn, listLinks, replaceLinks, revokeLink, takeSealed } from '../db/links.ts'
import { listPartners, readPartner, type Partner } from '../db/programmes.ts'
import { recordWaveChange } from '../db/publications.ts'
import { takesPart } from '../domain/wave-lifecycle.ts'
import type { Wave } from '../db/waves.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { asWaveLead } from '../http/programme-guards.ts'
import { refuse, type Refusal } from '../services/refusal.ts'
import { titleOf } from '../http/problem.ts'
import { forgetLinks } from '../services/survey-link-service.ts'
import { dropWave, editWave } from '../services/wave-service.ts'
import { audit } from '../http/audit.ts'
import { linkTarget, waveChanges, type Change } from '../domain/audit-changes.ts'

const app = newApp()
app.use('*', requireUser)

const linkUrl = (c: Context<AppEnv>, token: string) => new URL(`/s/${token}`, c.req.url).toString()

app.patch(
  '/:wid',
  doc({
    summary: 'Change a wave; closesAt in the past closes it; the instrument only before it opens',
    who: 'lead',
    ok: '200 the wave',
    errors: [400, 401, 403, 404, 409],
  }),
  asWaveLead,
  valid('json', WavePatch),
  async (c) => {
    const wave = c.get('wave')
    const body = c.req.valid('json')
    const next = await editWave(c.env.DB, wave, {
      kind: 'edit',
      label: body.label,
      opensAt: body.opensAt && new Date(body.opensAt).toISOString(),
      closesAt: body.closesAt && new Date(body.closesAt).toISOString(),
      instrumentVersion: body.instrumentVersion,
    })
    await audit(c, waveChanges(wave, next))
    return c.json({ ...next, state: waveState(next) })
  },
)

/** A wave without answers that is not open can be dropped (skipped); see the wave lifecycle. */
app.delete(
  '/:wid',
  doc({ summary: 'Drop a wave that has not opened', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  asWaveLead,
  async (c) => {
    const wave = c.get('wave')
    await dropWave(c.env.DB, wave)
    await audit(c, { action: 'wave.deleted', target: wave.label })
    return c.body(null, 204)
  },
)

app.get(
  '/:wid/links',
  doc({ summary: "The wave's links, without tokens", who: 'lead', ok: '200 { links }', errors: [401, 403, 404] }),
  asWaveLead,
  async (c) => c.json({ links: await listLinks(c.env.DB, c.get('wave').id) }),
)

/**
 * Why no link may be made for this group, or null: a closed wave takes no answers, a partner that
 * joined after the wave opened takes no part in it, and a group without a headcount has no bound
 * on the answer sets it takes (README, "Threat model").
 */
const closedForLinks = () => refuse('wave-closed-for-links')

function linkRefusal(wave: Wave, partner: Partner, role: Role): Refusal | null {
  if (waveState(wave) === 'closed') return closedForLinks()
  if (!takesPart(partner, wave)) {
    return refuse('partner-joined-later', { partner: partner.name })
  }
  if (!partner.headcounts[role]) {
    return refuse('headcount-needed', { partner: partner.name })
  }
  return null
}

/**
 * A link made while the wave is open, for a group that already had a way in (a link, or answers),
 * is recorded for every reader of the wave's results: it is how a lead would add answer sets of
 * their own. A group's first link, before anyone answered, is setting up, not a change.
 */
async function makeLink(c: Context<AppEnv>, wave: Wave, partner: Partner, role: Role) {
  const recorded = waveState(wave) === 'open' && (await groupHadWayIn(c.env.DB, wave.id, partner.id, role))
  const made = await createLink(c.env.DB, wave.id, partner.id, role)
  if (recorded)
    await recordWaveChange(c.env.DB, wave.id, {
      partnerId: partner.id,
      role,
      kind: 'link',
      headcountFrom: null,
      headcountTo: null,
    }).run()
  return made
}

app.post(
  '/:wid/links',
  doc({
    summary: 'Make a collector link; the token is shown once',
    who: 'lead',
    ok: '201 { id, token, url }',
    errors: [400, 401, 403, 404],
  }),
  asWaveLead,
  valid('json', LinkBody),
  async (c) => {
    const wave = c.get('wave')
    const { partnerId, role } = c.req.valid('json')
    const partner = await readPartner(c.env.DB, partnerId)
    if (!partner || partner.programmeId !== wave.programmeId) {
      throw refuse('unknown-wave-partner', { partnerId: partnerId.slice(0, 60) })
    }
    const refusal = linkRefusal(wave, partner, role)
    if (refusal) throw refusal
    const { id, token } = await makeLink(c, wave, partner, role)
    await audit(c, { action: 'link.made', target: linkTarget(wave, partner.name, role) })
    return c.json({ id, token, url: linkUrl(c, token) }, 201)
  },
)

/**
 * Every partner × role that may have a link gets a working one: made now where there is none,
 * revealed where the scheduled handler made one. With `replace`, the groups named (or all) get a
 * new link instead and their old ones stop working, in one batch. Each token is in this answer
 * and nowhere else afterwards. Groups that may not have one are listed with the reason.
 */
app.post(
  '/:wid/link-set',
  doc({
    summary:
      'A working link for every partner and role (or new links replacing the old ones of chosen groups): made or revealed now, shown once',
    who: 'lead',
    ok: '201 { links, skipped }',
    errors: [400, 401, 403, 404, 409],
  }),
  asWaveLead,
  valid('json', LinkSetBody),
  async (c) => {
    const wave = c.get('wave')
    const body = c.req.valid('json')
    if (waveState(wave) === 'closed') throw closedForLinks()
    const made: { id: string; partnerId: string; role: (typeof ROLES)[number]; token: string; url: string }[] = []
    const partners = await listPartners(c.env.DB, wave.programmeId)
    const unknown = body.groups?.find((g) => !partners.some((p) => p.id === g.partnerId))
    if (unknown) {
      throw refuse('unknown-wave-partner', { partnerId: unknown.partnerId.slice(0, 60) })
    }
    const chosen = (partnerId: string, role: Role) =>
      !body.groups || body.groups.some((g) => g.partnerId === partnerId && g.role === role)
    const trail: Change[] = []
    if (!body.replace) {
      for (const s of await takeSealed(c.env.DB, wave.id)) {
        const token = c.env.LINK_SECRET ? await unseal(c.env.LINK_SECRET, s.sealed) : null
        if (token) made.push({ id: s.id, partnerId: s.partnerId, role: s.role, token, url: linkUrl(c, token) })
        // A token sealed under an earlier secret cannot be shown: revoke it, a new one is made below.
        else await revokeLink(c.env.DB, wave.id, s.id)
        trail.push({
          action: token ? 'link.revealed' : 'link.revoked',
          target: linkTarget(wave, partners.find((p) => p.id === s.partnerId)?.name, s.role),
        })
      }
    }
    const active = (await listLinks(c.env.DB, wave.id)).filter((l) => !l.revoked)
    const skipped: { partnerId: string; role: Role; reason: string; code: string }[] = []
    const replacing: { partner: Partner; role: Role; had: boolean }[] = []
    for (const partner of partners) {
      for (const role of ROLES) {
        if (!chosen(partner.id, role)) continue
        const has = active.some((l) => l.partnerId === partner.id && l.role === role)
        if (has && !body.replace) continue
        const refusal = linkRefusal(wave, partner, role)
        if (refusal) {
          skipped.push({ partnerId: partner.id, role, reason: titleOf(refusal), code: refusal.code })
          continue
        }
        if (body.replace) {
          replacing.push({ partner, role, had: has })
          continue
        }
        const { id, token } = await makeLink(c, wave, partner, role)
        made.push({ id, partnerId: partner.id, role, token, url: linkUrl(c, token) })
        trail.push({ action: 'link.made', target: linkTarget(wave, partner.name, role) })
      }
    }
    if (replacing.length) {
      // A new link in an open wave for a group that had one is a way in made while answers come: on the record (see makeLink).
      const open = waveState(wave) === 'open'
      const records = replacing
        .filter((r) => open && r.had)
        .map((r) =>
          recordWaveChange(c.env.DB, wave.id, {
            partnerId: r.partner.id,
            role: r.role,
            kind: 'link',
            headcountFrom: null,
            headcountTo: null,
          }),
        )
      const fresh = await replaceLinks(
        c.env.DB,
        wave.id,
        replacing.map((r) => ({ partnerId: r.partner.id, role: r.role })),
        records,
      )
      // This isolate must not keep answering from an old link it has cached.
      forgetLinks()
      for (const [i, r] of replacing.entries()) {
        const { id, token } = fresh[i]!
        made.push({ id, partnerId: r.partner.id, role: r.role, token, url: linkUrl(c, token) })
        if (r.had) trail.push({ action: 'link.revoked', target: linkTarget(wave, r.partner.name, r.role) })
        trail.push({ action: 'link.made', target: linkTarget(wave, r.partner.name, r.role) })
      }
    }
    await audit(c, trail)
    return c.json({ links: made, skipped }, made.length ? 201 : 200)
  },
)

app.delete(
  '/:wid/links/:lid',
  doc({ summary: 'Revoke a link', who: 'lead', ok: '204', errors: [401, 403, 404] }),
  asWaveLead,
  async (c) => {
    forgetLinks()
    const link = (await listLinks(c.env.DB, c.get('wave').id)).find((l) => l.id === c.req.param('lid'))
    if (!(await revokeLink(c.env.DB, c.get('wave').id, c.req.param('lid')))) {
      throw refuse('wave-link-not-found')
    }
    await audit(c, {
      action: 'link.revoked',
      target: linkTarget(c.get('wave'), (await readPartner(c.env.DB, link!.partnerId))?.name, link!.role),
    })
    return c.body(null, 204)
  },
)

export default app
