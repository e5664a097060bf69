import { waveToMinute } from '../../schema/format.ts'
import { LinkSetAnswer } from '../../schema/api-answers.ts'
import type { Context } from 'hono'
import { LinkBody, LinkSetBody, WavePatch, pathParams } from '../../schema/api.ts'
import { listLinks } from '../db/links.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { asWaveLead } from '../http/programme-guards.ts'
import { messageOf } from '../http/problem.ts'
import { langOf } from '../http/lang.ts'
import { linkFor, linkSet, revokeWaveLink } from '../services/link-service.ts'
import { dropWave, editWave } from '../services/wave-service.ts'
import { actorOf } from '../services/audit-trail.ts'

const app = newApp().use('*', requireUser)

const linkUrl = (c: Context, token: string) => new URL(`/s/${token}`, c.req.url).toString()

app.patch(
  '/:wid',
  doc({
    summary: 'Change a wave; closesAt in the past closes it; the instrument only before it opens',
    who: 'lead',
    ok: '200 the wave',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:wid')),
  asWaveLead,
  valid('json', WavePatch),
  async (c) => {
    const wave = c.get('wave')
    const body = c.req.valid('json')
    const next = await editWave(
      c.env.DB,
      wave,
      {
        kind: 'edit',
        label: body.label,
        opensAt: body.opensAt && new Date(body.opensAt).toISOString(),
        closesAt: body.closesAt && new Date(body.closesAt).toISOString(),
        instrumentVersion: body.instrumentVersion,
      },
      actorOf(c.get('user')),
    )
    // Its moments to the minute (`waveToMinute`): a wave closed "now" closed at a staff action's moment.
    return c.json({ ...waveToMinute(next), state: waveState(next) })
  },
)

/** A wave without answers that is not open can be dropped (skipped); see the wave lifecycle. */
app.delete(
  '/:wid',
  doc({ summary: 'Drop a wave that has not opened', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:wid')),
  asWaveLead,
  async (c) => {
    await dropWave(c.env.DB, c.get('wave'), actorOf(c.get('user')))
    return c.body(null, 204)
  },
)

app.get(
  '/:wid/links',
  doc({ summary: "The wave's links, without tokens", who: 'lead', ok: '200 { links }', errors: [401, 403, 404] }),
  valid('param', pathParams('/:wid/links')),
  asWaveLead,
  async (c) => c.json({ links: await listLinks(c.env.DB, c.get('wave').id) }),
)

app.post(
  '/:wid/links',
  doc({
    summary: 'Make a collector link; the token is shown once',
    who: 'lead',
    ok: '201 { id, token, url }',
    errors: [400, 401, 403, 404],
  }),
  valid('param', pathParams('/:wid/links')),
  asWaveLead,
  valid('json', LinkBody),
  async (c) => {
    const link = await linkFor(c.env.DB, c.get('wave'), c.req.valid('json'), actorOf(c.get('user')))
    return c.json({ id: link.id, token: link.token, url: linkUrl(c, link.token) }, 201)
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
    answer: { name: 'LinkSetAnswer', schema: LinkSetAnswer },
  }),
  valid('param', pathParams('/:wid/link-set')),
  asWaveLead,
  valid('json', LinkSetBody),
  async (c) => {
    const { made, skipped } = await linkSet(
      c.env.DB,
      c.get('wave'),
      c.req.valid('json'),
      { secret: c.env.LINK_SECRET, minGroupSize: readConfig(c.env).MIN_GROUP_SIZE },
      actorOf(c.get('user')),
    )
    return c.json(
      {
        links: made.map((l) => ({ ...l, url: linkUrl(c, l.token) })),
        // Each group's reason as a refusal says it: a code for a program, a message in the reader's language.
        skipped: skipped.map(({ refusal, ...g }) => ({
          ...g,
          code: refusal.code,
          reason: messageOf(refusal, langOf(c, 'en')),
        })),
      } satisfies LinkSetAnswer,
      made.length ? 201 : 200,
    )
  },
)

app.delete(
  '/:wid/links/:lid',
  doc({ summary: 'Revoke a link', who: 'lead', ok: '204', errors: [401, 403, 404] }),
  valid('param', pathParams('/:wid/links/:lid')),
  asWaveLead,
  async (c) => {
    await revokeWaveLink(c.env.DB, c.get('wave'), c.req.valid('param').lid, actorOf(c.get('user')))
    return c.body(null, 204)
  },
)

export default app
