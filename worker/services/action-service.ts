import { dayOf, downloadName, toCsv } from '../../schema/format.ts'
import type { z } from 'zod'
import type { ActionBody, ActionPatch, ActionsCsvQuery } from '../../schema/api.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import {
  deleteAction,
  insertAction,
  listActions,
  readAction,
  readActionPlace,
  readActionPolicy,
  setActionPolicy,
  updateAction,
  type Action,
} from '../db/actions.ts'
import { auditStatement, type Actor } from '../db/audit.ts'
import { actionThere, changedMeanwhile, partnersThere, waveThere } from '../db/meanwhile.ts'
import type { User } from '../db/users.ts'
import { actionChanges, actionDetail, actionPolicyDetail, actionTarget } from '../domain/audit-changes.ts'
import type { Programme } from '../db/programmes.ts'
import { askedKey } from '../domain/records.ts'
import { refuse } from './refusal.ts'
import { requireProgramme, type ProgrammeAccess } from './programme-access.ts'
import { outcomesOf } from './report-service.ts'
import { instrumentOf, loadProgramme } from './results-service.ts'
import type { Results, ProgrammeData } from '../domain/wave-results.ts'
import { type Publication, showsScore } from '../domain/publication.ts'
import { actionsCsvHeaderIn } from '../i18n/csv-header.ts'
import { messages, type Lang } from '../i18n/messages.ts'

/**
 * Agreed actions: who may record them, what they may be about, and each change with its trail
 * entry in one batch. A lead records actions for every partner; a viewer limited to one partner
 * for that partner only, and only when the programme's lead allows it. Every other viewer reads.
 */

/** A reader who may record actions, with the programme's action policy (`partnerViewers`) as it was read. */
export type ActionWriter = { access: ProgrammeAccess; actor: Actor; partnerViewers: boolean }

/**
 * Whether a reader may record agreed actions for `partnerId` (without one: for some partner): a
 * lead for every partner; a viewer limited to one partner for that partner only, when the lead
 * allows it (`partnerViewers`); no other viewer. The API, the results page and the report ask this.
 */
export function mayWriteActions(
  access: Pick<ProgrammeAccess, 'canLead' | 'partnerId'>,
  partnerViewers: boolean,
  partnerId?: string,
): boolean {
  if (access.canLead) return true
  return access.partnerId !== null && partnerViewers && (partnerId === undefined || partnerId === access.partnerId)
}

const notAllowed = () => refuse('action-writer-only')

/** Who asks before what is asked: a viewer who may not record actions learns nothing from a 400. */
export async function requireActionWriter(
  db: D1Database,
  user: User,
  pid: string,
  route: string,
): Promise<ActionWriter> {
  // At once, one round trip; the policy is used only once access is clear.
  const [access, partnerViewers] = await Promise.all([
    requireProgramme(db, user, pid, 'read', route),
    readActionPolicy(db, pid),
  ])
  if (!mayWriteActions(access, partnerViewers)) throw notAllowed()
  return { access, actor: { id: user.id, email: user.email }, partnerViewers }
}

/** A limited writer acts for their own partner only; another partner's action is theirs to see no more than to change. */
function checkOwnPartner(w: ActionWriter, partnerId: string): void {
  if (!mayWriteActions(w.access, w.partnerViewers, partnerId)) throw notAllowed()
}

const actionNotFound = (id: string) => refuse('action-not-found', { action: id.slice(0, 60) })

/**
 * What an action is about, checked against the programme: a wave whose results are published (an
 * action answers results), a partner that took part in it, a dimension its instrument has, and a
 * group whose score on that dimension the results show for some role. An action for a hidden
 * group would mark, on the heatmap and the report, a cell that shows nothing, and say of a group
 * of fewer than k what its few members were told to change; an action for a role never asked of
 * the partner answers results that do not exist. Both are refused, each saying which it is.
 */
async function targetOf(
  db: D1Database,
  programmeId: string,
  body: { waveId: string; partnerId: string; dimension: string },
  k: number,
) {
  const data = await loadProgramme(db, programmeId, k)
  const wave = data.waves.find((w) => w.id === body.waveId)
  if (!wave) throw refuse('action-unknown-wave', { waveId: body.waveId.slice(0, 60) })
  const publication = data.publications.get(wave.id)
  if (!publication) throw refuse('action-wave-not-published', { label: wave.label })
  const partner = data.partners.find(
    (p) => p.id === body.partnerId && ROLES.some((r) => p.id in (publication.roles[r]?.partners ?? {})),
  )
  if (!partner) throw refuse('action-unknown-partner', { partnerId: body.partnerId.slice(0, 60), label: wave.label })
  const instrument = instrumentOf(wave)
  const dimension = instrument.dimensions.find((d) => d.key === body.dimension)
  if (!dimension) {
    throw refuse('action-unknown-dimension', {
      dimension: body.dimension.slice(0, 60),
      dimensions: instrument.dimensions.map((d) => d.key).join(', '),
    })
  }
  const roles = ROLES.filter((r) => publication.roles[r]?.dimensions.includes(dimension.key))
  if (!shownIn(publication, partner.id, dimension.key)) {
    // Asked: a link was made for one of the roles that answer this dimension (worker/db/links.ts `listAskedGroups`).
    const asked = roles.some((r) => data.asked.has(askedKey(wave.id, partner.id, r)))
    // The dimension by its key for a program, and by its name in each language for a person.
    const params = {
      partner: partner.name,
      label: wave.label,
      dimension: dimension.key,
      nameNl: dimension.label.nl,
      nameEn: dimension.label.en,
    }
    throw refuse(asked ? 'action-hidden-group' : 'action-not-asked', params)
  }
  return { wave, partner, dimension, target: actionTarget(wave.label, partner.name, dimension.key) }
}

/** Whether a wave's results show the group's score on the dimension for some role: what an action may be about. */
function shownIn(publication: Publication, partnerId: string, dimension: string): boolean {
  return ROLES.some((r) => {
    const pub = publication.roles[r]
    return pub?.dimensions.includes(dimension) === true && showsScore(pub, partnerId, dimension)
  })
}

/**
 * The agreed actions a reader may see (`actionsVisible`) as CSV rows in `lang`, the header first:
 * partner, dimension name, what, who, by when, status, recorded on and wave, in the list's order.
 * Only actions on a group whose score the results show: one recorded on a group hidden since (or
 * before hidden groups were refused) says nothing about it here either, as in the results' export.
 */
export function actionsCsvRows(
  data: ProgrammeData,
  access: ProgrammeAccess,
  actions: Action[],
  filter: { wave?: string },
  lang: Lang,
): string[][] {
  const t = messages[lang]
  const names = new Map(data.partners.map((p) => [p.id, p.name]))
  const rows = actionsVisible(actions, access, filter).flatMap((a) => {
    const wave = data.waves.find((w) => w.id === a.waveId)
    const publication = wave && data.publications.get(wave.id)
    if (!wave || !publication || !shownIn(publication, a.partnerId, a.dimension)) return []
    const dimension = instrumentOf(wave).dimensions.find((d) => d.key === a.dimension)
    return [
      [
        names.get(a.partnerId) ?? '',
        dimension?.label[lang] ?? a.dimension,
        a.what,
        a.owner ?? '',
        a.due ?? '',
        t[`actions_status_${a.status}`],
        a.recordedOn,
        wave.label,
      ],
    ]
  })
  return [actionsCsvHeaderIn(lang), ...rows]
}

/** The trail's name for an action that exists: its wave, partner and dimension as they are called now. */
async function targetName(db: D1Database, a: Action): Promise<string> {
  const row = await readActionPlace(db, a)
  return actionTarget(row?.label ?? '?', row?.name ?? '?', a.dimension)
}

export async function recordAction(
  db: D1Database,
  w: ActionWriter,
  body: z.output<typeof ActionBody>,
  k: number,
): Promise<Action> {
  checkOwnPartner(w, body.partnerId)
  const { wave, partner, target } = await targetOf(db, w.access.programme.id, body, k)
  const action: Action = {
    id: crypto.randomUUID(),
    programmeId: w.access.programme.id,
    waveId: body.waveId,
    partnerId: body.partnerId,
    dimension: body.dimension,
    what: body.what,
    owner: body.owner || null,
    due: body.due ?? null,
    status: body.status,
    recordedOn: dayOf(new Date()),
  }
  try {
    await db.batch([
      // First: the wave or partner removed since they were read (a wave's retention ended) fails the batch.
      waveThere(db, wave.id),
      partnersThere(db, action.programmeId, [partner.id]),
      insertAction(db, action),
      auditStatement(db, {
        programmeId: action.programmeId,
        actor: w.actor,
        action: 'action.added',
        target,
        detail: actionDetail(action),
      }),
    ])
  } catch (error) {
    const gone = changedMeanwhile(error)
    if (gone === 'wave') throw refuse('wave-removed-meanwhile', { label: wave.label })
    if (gone === 'partner') throw refuse('partner-removed-meanwhile', { name: partner.name })
    throw error
  }
  return action
}

/** The action `id` as this writer may change it: 404 when it does not exist or is another partner's. */
async function writable(db: D1Database, w: ActionWriter, id: string): Promise<Action> {
  const action = await readAction(db, w.access.programme.id, id)
  if (!action || !mayWriteActions(w.access, w.partnerViewers, action.partnerId)) throw actionNotFound(id)
  return action
}

export async function changeAction(
  db: D1Database,
  w: ActionWriter,
  id: string,
  patch: z.output<typeof ActionPatch>,
): Promise<Action> {
  const before = await writable(db, w, id)
  const after: Action = {
    ...before,
    what: patch.what ?? before.what,
    owner: patch.owner === undefined ? before.owner : patch.owner || null,
    due: patch.due === undefined ? before.due : patch.due,
    status: patch.status ?? before.status,
  }
  const changes = actionChanges(await targetName(db, before), before, after)
  await meanwhileRefused(db, before, () =>
    db.batch([
      // First: an action removed or changed since it was read fails the batch, so the trail says no change of another.
      actionThere(db, before, true),
      updateAction(db, after),
      ...changes.map((ch) =>
        auditStatement(db, {
          programmeId: after.programmeId,
          actor: w.actor,
          action: ch.action,
          target: ch.target,
          detail: ch.detail ?? null,
        }),
      ),
    ]),
  )
  return after
}

export async function removeAction(db: D1Database, w: ActionWriter, id: string): Promise<void> {
  const action = await writable(db, w, id)
  const target = await targetName(db, action)
  await meanwhileRefused(db, action, () =>
    db.batch([
      actionThere(db, action),
      deleteAction(db, action.programmeId, action.id),
      auditStatement(db, {
        programmeId: action.programmeId,
        actor: w.actor,
        action: 'action.removed',
        target,
        detail: [action.what],
      }),
    ]),
  )
}

/**
 * `write`, a batch whose guard (worker/db/meanwhile.ts `actionThere`) fails it when action
 * `read` was removed or changed since it was read: refused so, nothing written.
 */
async function meanwhileRefused(db: D1Database, read: Action, write: () => Promise<unknown>): Promise<void> {
  try {
    await write()
  } catch (error) {
    if (changedMeanwhile(error) !== 'action') throw error
    const now = await readAction(db, read.programmeId, read.id)
    throw refuse(now ? 'action-changed-meanwhile' : 'action-removed-meanwhile', { what: read.what })
  }
}

/**
 * The agreed actions a reader may see as a CSV download: the actions and the programme's results
 * (which groups they show) read at once, one round trip after access.
 */
export async function actionsCsv(
  db: D1Database,
  access: ProgrammeAccess,
  query: z.output<typeof ActionsCsvQuery>,
  k: number,
): Promise<{ body: string; filename: string }> {
  const [actions, data] = await Promise.all([
    listActions(db, access.programme.id, access.partnerId),
    loadProgramme(db, access.programme.id, k),
  ])
  const rows = actionsCsvRows(data, access, actions, { wave: query.wave }, query.lang)
  const wave = query.wave ? data.waves.find((w) => w.id === query.wave) : undefined
  return {
    body: toCsv(rows, query.sep === 'semicolon' ? ';' : ','),
    filename: downloadName([access.programme.name, wave?.label, messages[query.lang].actions_heading], 'csv'),
  }
}

/** The actions a reader may see: every partner's, or their own partner's when they are limited to one. */
export async function actionsFor(
  db: D1Database,
  access: ProgrammeAccess,
  filter: { wave?: string; partner?: string } = {},
): Promise<Action[]> {
  return actionsVisible(await listActions(db, access.programme.id), access, filter)
}

/**
 * The actions of a programme a reader may see, from all of them: a viewer limited to one partner
 * sees that partner's only. The pages read all actions together with the programme, before access
 * is known, so a page stays at two sequential D1 round trips (BENCHMARKS.md, "Storage, round trips and capacity"); nothing
 * is shown before access is clear.
 */
export function actionsVisible(
  all: Action[],
  access: ProgrammeAccess,
  filter: { wave?: string; partner?: string } = {},
): Action[] {
  if (access.partnerId && filter.partner && filter.partner !== access.partnerId) return []
  const partner = access.partnerId ?? filter.partner ?? null
  return all.filter((a) => (partner === null || a.partnerId === partner) && (!filter.wave || a.waveId === filter.wave))
}

/** The results page's agreed actions: those the reader may see, and the partners they may record for. */
export function resultsActions(
  access: ProgrammeAccess,
  data: ProgrammeData,
  d: Results,
  role: Role,
  k: number,
  actions: Action[],
  partnerViewers: boolean,
) {
  if (!d.published) return undefined
  return {
    outcomes: outcomesOf(data, actions, role, k),
    writableFor: recordableFor(access, data, d.wave.id, partnerViewers, d.partners, role),
    partnerViewers,
  }
}

/**
 * The one rule for what a form offers to record an action on, on the results page and on a
 * partner's report alike: the wave the page shows, and of `partners` those the reader may record for
 * whose score the page's `role` shows in that wave, each with the dimensions it shows for them. An
 * action on a hidden group is refused (`actionTarget` above), so no form offers one, nor a pair of
 * partner and dimension the API would refuse: the report had offered every published wave and its
 * partner even when hidden, and the tactical view partners it showed as hidden, shown only in
 * another role (a lead's reviews). Every pair offered is accepted, since the API takes a score
 * shown in any role (`shownIn`).
 */
export function recordableFor(
  access: Pick<ProgrammeAccess, 'canLead' | 'partnerId'>,
  data: ProgrammeData,
  waveId: string,
  partnerViewers: boolean,
  partners: readonly { id: string; name: string }[],
  role: Role,
): Recordable[] {
  const pub = data.publications.get(waveId)?.roles[role]
  if (!pub) return []
  return partners
    .filter((p) => mayWriteActions(access, partnerViewers, p.id))
    .map((p) => ({ id: p.id, name: p.name, dimensions: pub.dimensions.filter((key) => showsScore(pub, p.id, key)) }))
    .filter((p) => p.dimensions.length > 0)
}

/** A partner a form may record actions for, with the dimensions whose score the page shows for it. */
export type Recordable = { id: string; name: string; dimensions: string[] }

/**
 * Sets whether viewers limited to one partner may record that partner's agreed actions, by the
 * lead `actor`, with its trail entry in the same batch.
 */
export async function setActionPolicyOf(
  db: D1Database,
  programme: Programme,
  partnerViewers: boolean,
  actor: Actor,
): Promise<void> {
  await db.batch([
    setActionPolicy(db, programme.id, partnerViewers),
    auditStatement(db, {
      programmeId: programme.id,
      actor,
      action: 'action-policy.changed',
      target: programme.name,
      detail: actionPolicyDetail(partnerViewers),
    }),
  ])
}
