import { dayOf, firstOpenDay, lastOpenDay, type Lang } from '../../schema/format.ts'
import { ACTION_STATUSES } from '../../schema/api.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import type { Programme } from './records.ts'
import { waveState } from './wave-lifecycle.ts'

/** Every kind of entry in the trail (table `audit`, worker/db/audit.ts). */
const AUDIT_ACTIONS = [
  'programme.created',
  'programme.changed',
  'cadence.changed',
  'partner.added',
  'partner.renamed',
  'partner.removed',
  'headcount.changed',
  'wave.created',
  'wave.renamed',
  'wave.moved',
  'wave.closed',
  'wave.instrument',
  'wave.deleted',
  'link.made',
  'link.revealed',
  'link.revoked',
  'person.added',
  'person.accepted',
  'person.changed',
  'person.removed',
  'password-link.issued',
  'password.set',
  'export.downloaded',
  'action.added',
  'action.changed',
  'action.removed',
  'action-policy.changed',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/**
 * The words a trail entry's detail may use, each a code the reader's catalogue words
 * (`auditWord_<code>` in worker/i18n/nl.ts and en.ts): roles, access, password-link purposes,
 * action statuses, who records actions, export kinds and their options, and the fields a change
 * names.
 */
const AUDIT_WORDS = [
  ...ROLES,
  'lead',
  'viewer',
  'pending',
  'invite',
  'reset',
  'accept',
  'cadence',
  'cadenceOff',
  ...ACTION_STATUSES,
  'partnerViewers',
  'leads',
  'csv',
  'moments',
  'nl',
  'en',
  'comma',
  'semicolon',
  'name',
  'instrument',
  'retentionDays',
  'waveRetentionYears',
  'months',
  'openDays',
  'nextWave',
  'status',
  'due',
  'owner',
  'what',
] as const
export type AuditWord = (typeof AUDIT_WORDS)[number]

/** One value in a detail: as entered (a name, a version, a number), a word, or a day (YYYY-MM-DD). */
export type DetailValue = string | number | { word: AuditWord } | { day: string }

/**
 * One part of a detail: a value; a wave's first and last open day; or a field with its value, and
 * with the value it had when the entry records a change.
 */
export type DetailPart = DetailValue | { days: [first: string, last: string] } | FieldPart
type FieldPart = { field: AuditWord; from?: DetailValue | null; to: DetailValue | null }

/**
 * What an entry says beyond its action and target, as data, never as words: stored as JSON
 * (worker/db/audit.ts) and worded in the reader's language when shown (worker/pages/trail-words.ts).
 */
export type AuditDetail = DetailPart[]

/**
 * What changed, as trail entries: one per change a request made, so a request that renames a wave
 * and moves it leaves two, and one that changes nothing leaves none. Pure: before and after in,
 * entries out.
 */
export type Change = { action: AuditAction; target: string; detail?: AuditDetail }

const word = (w: AuditWord) => ({ word: w })
const dayPart = (iso: string | null) => (iso ? { day: dayOf(iso) } : null)
const changed = (field: AuditWord, from: DetailValue | null, to: DetailValue | null): FieldPart => ({
  field,
  from,
  to,
})

/** A wave's days in the trail: its first and its last open day, as the setup page shows them. */
const waveDays = (opensAt: string, closesAt: string): DetailPart => ({
  days: [firstOpenDay(opensAt), lastOpenDay(closesAt)],
})

/** A planned wave's detail: its days and instrument version, and whether the cadence planned it. */
export const waveCreatedDetail = (
  wave: { opensAt: string; closesAt: string; instrumentVersion: number },
  byCadence = false,
): AuditDetail => [
  waveDays(wave.opensAt, wave.closesAt),
  `v${wave.instrumentVersion}`,
  ...(byCadence ? [word('cadence')] : []),
]

type WaveFacts = { label: string; instrumentVersion: number; opensAt: string; closesAt: string }

export function waveChanges(before: WaveFacts, after: WaveFacts, now = new Date()): Change[] {
  const changes: Change[] = []
  if (after.label !== before.label)
    changes.push({ action: 'wave.renamed', target: after.label, detail: [changed('name', before.label, after.label)] })
  if (after.instrumentVersion !== before.instrumentVersion)
    changes.push({
      action: 'wave.instrument',
      target: after.label,
      detail: [changed('instrument', `v${before.instrumentVersion}`, `v${after.instrumentVersion}`)],
    })
  if (after.opensAt !== before.opensAt || after.closesAt !== before.closesAt) {
    // Closed by this change: closed now, open (or planned) before it, as the wave lifecycle decides.
    const closesNow = waveState(after, now) === 'closed' && waveState(before, now) !== 'closed'
    changes.push({
      action: closesNow ? 'wave.closed' : 'wave.moved',
      target: after.label,
      detail: [waveDays(after.opensAt, after.closesAt)],
    })
  }
  return changes
}

/** What a change of a programme compares: all it stores but its id. */
type ProgrammeFacts = Omit<Programme, 'id'>

export function programmeChanges(before: ProgrammeFacts, after: ProgrammeFacts): Change[] {
  const changes: Change[] = []
  const kept = (['name', 'retentionDays', 'waveRetentionYears'] as const)
    .filter((f) => after[f] !== before[f])
    .map((f) => changed(f, before[f], after[f]))
  if (kept.length) changes.push({ action: 'programme.changed', target: after.name, detail: kept })
  if (
    after.cadenceMonths !== before.cadenceMonths ||
    after.cadenceOpenDays !== before.cadenceOpenDays ||
    after.nextWaveAt !== before.nextWaveAt
  ) {
    const detail: AuditDetail = after.cadenceMonths
      ? [
          { field: 'months', to: after.cadenceMonths },
          { field: 'openDays', to: after.cadenceOpenDays },
          { field: 'nextWave', to: dayPart(after.nextWaveAt) },
        ]
      : [word('cadenceOff')]
    changes.push({ action: 'cadence.changed', target: after.name, detail })
  }
  return changes
}

type PartnerFacts = { name: string; headcounts: Record<Role, number | null> }

export function partnerChanges(before: PartnerFacts, after: PartnerFacts): Change[] {
  const changes: Change[] = []
  if (after.name !== before.name)
    changes.push({ action: 'partner.renamed', target: after.name, detail: [changed('name', before.name, after.name)] })
  const counts = ROLES.filter((r) => after.headcounts[r] !== before.headcounts[r]).map((r) =>
    changed(r, before.headcounts[r], after.headcounts[r]),
  )
  if (counts.length) changes.push({ action: 'headcount.changed', target: after.name, detail: counts })
  return changes
}

/** Headcounts as a detail: only the roles that have one. */
export const headcountDetail = (h: Record<Role, number | null>): AuditDetail | undefined => {
  const known = ROLES.filter((r) => h[r] !== null).map((r) => ({ field: r, to: h[r] }))
  return known.length ? known : undefined
}

/** A person's access as a detail: role, the partner they are limited to, and whether they have yet to accept. */
export const accessDetail = (
  role: 'lead' | 'viewer',
  partner: string | null | undefined,
  pending = false,
): AuditDetail => [word(role), ...(partner ? [partner] : []), ...(pending ? [word('pending')] : [])]

/** A password link's purpose, or the role a person accepted, as a detail. */
export const wordDetail = (w: AuditWord | null | undefined): AuditDetail => (w ? [word(w)] : [])

/** An export as a detail: the CSV with its language and separator, or a role's pooled moments. */
export const exportDetail = (
  e: { kind: 'csv'; lang: Lang; sep: 'comma' | 'semicolon' } | { kind: 'moments'; role: Role },
): AuditDetail => (e.kind === 'csv' ? [word('csv'), word(e.lang), word(e.sep)] : [word('moments'), word(e.role)])

/** Who may record agreed actions, as a detail: the leads only, or the partner viewers too. */
export const actionPolicyDetail = (partnerViewers: boolean): AuditDetail => [
  word(partnerViewers ? 'partnerViewers' : 'leads'),
]

/** A survey link as the trail names it: wave, partner and role — what it names, never its token. */
export const linkTarget = (wave: { label: string }, partner: string | undefined, role: Role) =>
  `${wave.label} · ${partner ?? '?'} · ${role}`

/**
 * A `linkTarget` taken apart again, for a reader to word its role: what it names before the role,
 * and the role; null when the target does not end in one.
 */
export function linkTargetParts(target: string): { named: string; role: Role } | null {
  const at = target.lastIndexOf(' · ')
  const role = target.slice(at + 3)
  return at >= 0 && (ROLES as readonly string[]).includes(role)
    ? { named: target.slice(0, at), role: role as Role }
    : null
}

/** An agreed action as the trail names it: wave, partner and dimension (what it is about). */
export const actionTarget = (wave: string, partner: string, dimension: string) => `${wave} · ${partner} · ${dimension}`

type ActionStatus = (typeof ACTION_STATUSES)[number]
type ActionFacts = { what: string; owner: string | null; due: string | null; status: ActionStatus }

/** A new agreed action as a detail: its status, due day and owner where set, and what was agreed. */
export const actionDetail = (a: ActionFacts): AuditDetail => [
  word(a.status),
  ...(a.due ? [{ day: a.due }] : []),
  ...(a.owner ? [a.owner] : []),
  a.what,
]

/** What changed in an agreed action, as one entry with each changed field: none when nothing did. */
export function actionChanges(target: string, before: ActionFacts, after: ActionFacts): Change[] {
  const value = (f: 'status' | 'due' | 'owner' | 'what', a: ActionFacts): DetailValue | null =>
    f === 'status' ? word(a.status) : f === 'due' ? dayPart(a.due) : a[f]
  const fields = (['status', 'due', 'owner', 'what'] as const)
    .filter((f) => before[f] !== after[f])
    .map((f) => changed(f, value(f, before), value(f, after)))
  return fields.length ? [{ action: 'action.changed', target, detail: fields }] : []
}
