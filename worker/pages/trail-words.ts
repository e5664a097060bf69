import { fill, LANGS, longDate } from '../../schema/format.ts'
import { ROLES } from '../../schema/instrument.ts'
import { ACTION_STATUSES } from '../../schema/api.ts'
import {
  linkTargetParts,
  type AuditDetail,
  type AuditWord,
  type DetailPart,
  type DetailValue,
} from '../domain/audit-changes.ts'
import type { Lang, Messages } from '../i18n/messages.ts'
import { dimensionLabel } from './dimension-label.ts'

/**
 * A trail entry's detail in the reader's words (the setup page's trail): codes worded by the
 * catalogue, days as the pages write them, names and versions as they were entered.
 */

const word = (t: Messages, w: AuditWord): string => t[`auditWord_${w}`]

function valueText(t: Messages, lang: Lang, v: DetailValue | null | undefined): string {
  if (v === null || v === undefined) return '–'
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  return 'word' in v ? word(t, v.word) : longDate(lang, v.day)
}

function partText(t: Messages, lang: Lang, p: DetailPart): string {
  if (typeof p !== 'object' || 'word' in p || 'day' in p) return valueText(t, lang, p)
  if ('days' in p) return `${longDate(lang, p.days[0])} – ${longDate(lang, p.days[1])}`
  const field = word(t, p.field)
  return 'from' in p
    ? fill(t.auditChange, { field, from: valueText(t, lang, p.from), to: valueText(t, lang, p.to) })
    : fill(t.auditField, { field, value: valueText(t, lang, p.to) })
}

/**
 * The whole words of details written before they were data, by the code each now has: those
 * parts are worded too, and everything else in such a detail (names, days, "a → b") stays as stored.
 */
const OLDER_WORDS: Record<string, AuditWord> = {
  ...Object.fromEntries(
    [...ROLES, ...ACTION_STATUSES, 'lead', 'viewer', 'pending', 'invite', 'reset', 'accept', 'cadence']
      .concat(['leads', 'csv', 'moments', ...LANGS, 'comma', 'semicolon'])
      .map((w) => [w, w as AuditWord]),
  ),
  'partner viewers': 'partnerViewers',
}

/** A detail as the reader reads it: data worded part by part, an older text with its known words worded. */
export function detailText(t: Messages, lang: Lang, detail: AuditDetail | string | null): string {
  if (!detail) return ''
  if (typeof detail === 'string')
    return detail
      .split(' · ')
      .map((part) => {
        const w = OLDER_WORDS[part]
        return w ? word(t, w) : part
      })
      .join(' · ')
  return detail.map((p) => partText(t, lang, p)).join(' · ')
}

/** The entries whose target is a survey link's (`linkTarget` in worker/domain/audit-changes.ts). */
const LINK_ACTIONS = new Set(['link.made', 'link.revealed', 'link.revoked'])

/** The entries whose target is an agreed action's (`actionTarget` in worker/domain/audit-changes.ts), ending in a dimension key. */
const ACTION_ACTIONS = new Set(['action.added', 'action.changed', 'action.removed'])

/** Dimension names by key, from the instruments of the programme's waves: what an action's trail target is worded with. */
type TrailDimensions = readonly { key: string; label: Readonly<Record<Lang, string>> }[]

/**
 * A trail entry's target in the reader's words: a survey link's role, stored as its code, is
 * worded (as "staff member", not "medewerker"); an agreed action's dimension, stored as its key,
 * by its name in `dimensions` (as "Coaching leadership", not "coaching"; the key where no
 * instrument names it); wave and partner names, and every other target, stay as stored.
 */
export function targetText(
  t: Messages,
  action: string,
  target: string | null,
  lang: Lang = 'en',
  dimensions: TrailDimensions = [],
): string {
  if (!target) return ''
  if (ACTION_ACTIONS.has(action)) {
    const at = target.lastIndexOf(' · ')
    return at < 0 ? target : `${target.slice(0, at)} · ${dimensionLabel(dimensions, target.slice(at + 3), lang)}`
  }
  if (!LINK_ACTIONS.has(action)) return target
  const parts = linkTargetParts(target)
  return parts ? `${parts.named} · ${word(t, parts.role)}` : target
}

/** What a trail entry is about, as the trail's last column reads it: its target, then its detail. */
export function entryText(
  t: Messages,
  lang: Lang,
  e: { action: string; target: string | null; detail: AuditDetail | string | null },
  dimensions: TrailDimensions = [],
): string {
  return [targetText(t, e.action, e.target, lang, dimensions), detailText(t, lang, e.detail)]
    .filter(Boolean)
    .join(' · ')
}
