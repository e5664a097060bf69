import { describe, expect, it } from 'vitest'
import {
  actionChanges,
  actionPolicyDetail,
  actionTarget,
  exportDetail,
  linkTarget,
  programmeChanges,
} from '../../../worker/domain/audit-changes.ts'
import { messages } from '../../../worker/i18n/messages.ts'
import { detailText, entryText, targetText } from '../../../worker/pages/trail-words.ts'

/** A trail entry's detail: stored as codes and data, worded in the reader's language when shown. */

const action = { what: 'Ketenoverleg', owner: 'teammanager Werk', due: null, status: 'planned' as const }

describe('a trail detail in the reader’s words', () => {
  it('words an action’s changed status in Dutch and in English, from the same stored data', () => {
    const [change] = actionChanges('Najaar · UWV · coaching', action, { ...action, status: 'in-progress', owner: null })
    expect(JSON.stringify(change!.detail)).not.toMatch(/owner teammanager|planned →/)
    expect(detailText(messages.nl, 'nl', change!.detail!)).toBe(
      'stand: gepland → bezig · eigenaar: teammanager Werk → –',
    )
    expect(detailText(messages.en, 'en', change!.detail!)).toBe(
      'status: planned → in progress · owner: teammanager Werk → –',
    )
  })

  it('words who records actions, an export and a cadence, with days as the pages write them', () => {
    expect(detailText(messages.nl, 'nl', actionPolicyDetail(true))).toBe('ook lezers van één partner')
    expect(detailText(messages.en, 'en', actionPolicyDetail(false))).toBe('programme leads only')
    expect(detailText(messages.en, 'en', exportDetail({ kind: 'moments', role: 'medewerker' }))).toBe(
      'moments (factor analysis) · staff member',
    )
    const facts = { name: 'Keten', retentionDays: 30, waveRetentionYears: null, nextWaveAt: null }
    const [cadence] = programmeChanges(
      { ...facts, cadenceMonths: null, cadenceOpenDays: null },
      { ...facts, cadenceMonths: 6, cadenceOpenDays: 14, nextWaveAt: '2027-03-01T00:00:00.000Z' },
    )
    expect(detailText(messages.nl, 'nl', cadence!.detail!)).toBe(
      'elke (maanden): 6 · open (dagen): 14 · volgende ronde: 1 maart 2027',
    )
  })

  it('keeps a detail written before details were data readable, its known words worded', () => {
    expect(detailText(messages.nl, 'nl', 'partner viewers')).toBe('ook lezers van één partner')
    expect(detailText(messages.en, 'en', 'moments · teammanager')).toBe('moments (factor analysis) · team manager')
    // Names and older field texts stay as they were stored.
    expect(detailText(messages.en, 'en', 'status planned → done; owner A → –')).toBe(
      'status planned → done; owner A → –',
    )
    expect(detailText(messages.en, 'en', null)).toBe('')
  })
})

describe('a trail target in the reader’s words', () => {
  const target = linkTarget({ label: 'Voorjaar · 2027' }, 'UWV', 'tactisch')

  it('words the role of a survey link, and keeps the wave and partner as they were named', () => {
    expect(targetText(messages.en, 'link.made', target)).toBe('Voorjaar · 2027 · UWV · tactical management')
    expect(targetText(messages.nl, 'link.revoked', target)).toBe('Voorjaar · 2027 · UWV · tactisch management')
    expect(targetText(messages.en, 'link.revealed', linkTarget({ label: 'W1' }, undefined, 'teammanager'))).toBe(
      'W1 · ? · team manager',
    )
  })

  it('names an agreed action’s dimension, stored as its key, in the reader’s language', () => {
    const dims = [{ key: 'coaching', label: { nl: 'Coachend leidinggeven', en: 'Coaching leadership' } }]
    const stored = actionTarget('Najaar 2025', 'UWV', 'coaching')
    expect(targetText(messages.en, 'action.added', stored, 'en', dims)).toBe('Najaar 2025 · UWV · Coaching leadership')
    expect(entryText(messages.nl, 'nl', { action: 'action.removed', target: stored, detail: ['x'] }, dims)).toBe(
      'Najaar 2025 · UWV · Coachend leidinggeven · x',
    )
    // A key no instrument of the programme names stays as stored; a partner named like a key stays a name.
    expect(targetText(messages.en, 'action.changed', 'W · coaching · gone', 'en', dims)).toBe('W · coaching · gone')
  })

  it('leaves every other target as stored, a role code in a name included', () => {
    expect(targetText(messages.en, 'partner.added', 'Team · medewerker')).toBe('Team · medewerker')
    expect(targetText(messages.en, 'link.made', 'W1 · UWV')).toBe('W1 · UWV')
    expect(targetText(messages.en, 'wave.created', null)).toBe('')
  })

  it('joins target and detail as the trail shows them', () => {
    expect(entryText(messages.en, 'en', { action: 'link.made', target, detail: null })).toBe(
      'Voorjaar · 2027 · UWV · tactical management',
    )
    expect(
      entryText(messages.en, 'en', {
        action: 'action-policy.changed',
        target: null,
        detail: actionPolicyDetail(false),
      }),
    ).toBe('programme leads only')
  })
})
