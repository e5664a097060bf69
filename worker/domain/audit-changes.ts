import { lastOpenDay } from '../../schema/format.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'

/** Every kind of entry in the trail (table `audit`, worker/db/audit.ts). */
export const AUDIT_ACTIONS = [
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
 * What changed, as trail entries: one per change a request made, so a request that renames a wave
 * and moves it leaves two, and one that changes nothing leaves none. Pure: before and after in,
 * entries out. Details are language-neutral (codes, ISO dates, numbers); the setup page words them.
 */
export type Change = { action: AuditAction; target: string; detail?: string }

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–')
/** A wave's days in the trail: its first and its last open day, as the setup page shows them. */
export const waveDays = (opensAt: string, closesAt: string): string => `${day(opensAt)} – ${lastOpenDay(closesAt)}`
const was = (a: unknown, b: unknown) => `${a ?? '–'} → ${b ?? '–'}`

type WaveFacts = { label: string; instrumentVersion: number; opensAt: string; closesAt: string }

export function waveChanges(before: WaveFacts, after: WaveFacts, now = new Date()): Change[] {
  const changes: Change[] = []
  if (after.label !== before.label)
    changes.push({ action: 'wave.renamed', target: after.label, detail: was(before.label, after.label) })
  if (after.instrumentVersion !== before.instrumentVersion)
    changes.push({
      action: 'wave.instrument',
      target: after.label,
      detail: was(`v${before.instrumentVersion}`, `v${after.instrumentVersion}`),
    })
  if (after.opensAt !== before.opensAt || after.closesAt !== before.closesAt) {
    const closesNow = Date.parse(after.closesAt) <= now.getTime() && Date.parse(before.closesAt) > now.getTime()
    changes.push({
      action: closesNow ? 'wave.closed' : 'wave.moved',
      target: after.label,
      detail: waveDays(after.opensAt, after.closesAt),
    })
  }
  return changes
}

type ProgrammeFacts = {
  name: string
  retentionDays: number
  waveRetentionYears: number | null
  cadenceMonths: number | null
  cadenceOpenDays: number | null
  nextWaveAt: string | null
}

export function programmeChanges(before: ProgrammeFacts, after: ProgrammeFacts): Change[] {
  const changes: Change[] = []
  const kept: string[] = []
  if (after.name !== before.name) kept.push(`name ${was(before.name, after.name)}`)
  if (after.retentionDays !== before.retentionDays)
    kept.push(`retentionDays ${was(before.retentionDays, after.retentionDays)}`)
  if (after.waveRetentionYears !== before.waveRetentionYears)
    kept.push(`waveRetentionYears ${was(before.waveRetentionYears, after.waveRetentionYears)}`)
  if (kept.length) changes.push({ action: 'programme.changed', target: after.name, detail: kept.join('; ') })
  if (
    after.cadenceMonths !== before.cadenceMonths ||
    after.cadenceOpenDays !== before.cadenceOpenDays ||
    after.nextWaveAt !== before.nextWaveAt
  ) {
    const detail = after.cadenceMonths
      ? `${after.cadenceMonths} m · ${after.cadenceOpenDays} d · ${day(after.nextWaveAt)}`
      : '–'
    changes.push({ action: 'cadence.changed', target: after.name, detail })
  }
  return changes
}

type PartnerFacts = { name: string; headcounts: Record<Role, number | null> }

export function partnerChanges(before: PartnerFacts, after: PartnerFacts): Change[] {
  const changes: Change[] = []
  if (after.name !== before.name)
    changes.push({ action: 'partner.renamed', target: after.name, detail: was(before.name, after.name) })
  const counts = ROLES.filter((r) => after.headcounts[r] !== before.headcounts[r]).map(
    (r) => `${r} ${was(before.headcounts[r], after.headcounts[r])}`,
  )
  if (counts.length) changes.push({ action: 'headcount.changed', target: after.name, detail: counts.join('; ') })
  return changes
}

/** Headcounts as a detail: only the roles that have one. */
export const headcountDetail = (h: Record<Role, number | null>) =>
  ROLES.filter((r) => h[r] !== null)
    .map((r) => `${r} ${h[r]}`)
    .join('; ') || undefined

/** A survey link as the trail names it: wave, partner and role — what it names, never its token. */
export const linkTarget = (wave: { label: string }, partner: string | undefined, role: Role) =>
  `${wave.label} · ${partner ?? '?'} · ${role}`

/** An agreed action as the trail names it: wave, partner and dimension (what it is about). */
export const actionTarget = (wave: string, partner: string, dimension: string) => `${wave} · ${partner} · ${dimension}`

type ActionFacts = { what: string; owner: string | null; due: string | null; status: string }

/** What changed in an agreed action, as one entry with each changed field: none when nothing did. */
export function actionChanges(target: string, before: ActionFacts, after: ActionFacts): Change[] {
  const fields = (['status', 'due', 'owner', 'what'] as const)
    .filter((f) => before[f] !== after[f])
    .map((f) => `${f} ${was(before[f], after[f])}`)
  return fields.length ? [{ action: 'action.changed', target, detail: fields.join('; ') }] : []
}
