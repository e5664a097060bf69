import type { Instrument, Role } from '../../schema/instrument.ts'
import { parseInstrument } from '../domain/instrument-rules.ts'
import { messages } from '../i18n/messages.ts'
import coachendeManagerV1 from '../../surveys/coachende-manager.v1.json'
import coachendeManagerV2 from '../../surveys/coachende-manager.v2.json'
import coachendeManagerV3 from '../../surveys/coachende-manager.v3.json'
import coachendeManagerV4 from '../../surveys/coachende-manager.v4.json'
import coachendeManagerV5 from '../../surveys/coachende-manager.v5.json'

/**
 * Every shipped instrument version. Add a new file in `surveys/` and list it here; a version once
 * used by a wave is frozen, since trends compare only unchanged items. A wave created without a
 * version gets the latest released one (`findInstrument`), so new waves take v5 while v1–v4 stay
 * for the waves that used them (a corrected wording is a new version, not an edit: a version's
 * SurveyJS JSON is cached as immutable, worker/routes/instrument-api.ts).
 */
const FILES: unknown[] = [
  coachendeManagerV1,
  coachendeManagerV2,
  coachendeManagerV3,
  coachendeManagerV4,
  coachendeManagerV5,
]

/**
 * The released versions per instrument: those waves may take without naming a version, each
 * pinned by its digest in worker/domain/instrument-pin.ts (tests/worker/domain/instrument-pins.test.ts
 * fails when a released file changes). A version listed in `FILES` but not here is a draft: it
 * loads for a wave that names it, but no new wave takes it by default. Version 5 was released
 * when new waves and the demo's open wave took it (README, "Releasing a version").
 */
export const RELEASED: Record<string, readonly number[]> = { 'coachende-manager': [1, 2, 3, 4, 5] }

/**
 * Level names shown in place of a released file's own, for display only: the file stays as
 * released (its pin, worker/domain/instrument-pin.ts, would fail on an edit). Versions 1 and 2 call
 * band 3 "Gestructureerd" (Structured), which says more than a mean near "neither agree nor
 * disagree" can; version 3 calls it "Gedeeltelijk" (Partial), and a v1 or v2 wave shows that
 * name too, so one band carries one name on every page.
 */
const SHOWN_LEVEL_NAMES: Record<string, Record<number, Record<number, Instrument['levels'][number]['name']>>> = {
  'coachende-manager': {
    1: { 3: { nl: messages.nl.levelPartial, en: messages.en.levelPartial } },
    2: { 3: { nl: messages.nl.levelPartial, en: messages.en.levelPartial } },
  },
}

/** `ins` with the names `SHOWN_LEVEL_NAMES` gives its levels. */
function withShownNames(ins: Instrument): Instrument {
  const names = SHOWN_LEVEL_NAMES[ins.id]?.[ins.version]
  if (!names) return ins
  return { ...ins, levels: ins.levels.map((l) => (names[l.level] ? { ...l, name: names[l.level]! } : l)) }
}

let registry: Map<string, Map<number, Instrument>> | undefined

function load(): Map<string, Map<number, Instrument>> {
  if (registry) return registry
  const map = new Map<string, Map<number, Instrument>>()
  for (const raw of FILES) {
    const ins = withShownNames(parseInstrument(raw))
    const versions = map.get(ins.id) ?? new Map<number, Instrument>()
    versions.set(ins.version, ins)
    map.set(ins.id, versions)
  }
  registry = map
  return map
}

/** The instrument at `version`, or its latest released version; undefined when unknown. */
export function findInstrument(id: string, version?: number): Instrument | undefined {
  const versions = load().get(id)
  if (!versions) return undefined
  if (version !== undefined) return versions.get(version)
  const released = [...versions.keys()].filter((v) => RELEASED[id]?.includes(v))
  return released.length ? versions.get(Math.max(...released)) : undefined
}

/** Id and versions of every instrument, for pickers and error messages. */
export function listInstruments(): { id: string; versions: number[]; title: Instrument['title'] }[] {
  return [...load().entries()].map(([id, versions]) => ({
    id,
    versions: [...versions.keys()].sort((a, b) => a - b),
    title: versions.get(Math.max(...versions.keys()))!.title,
  }))
}

/** Where the browser fetches an instrument version's SurveyJS JSON for one role (worker/routes/instrument-api.ts). */
export const instrumentPath = (ins: Pick<Instrument, 'id' | 'version'>, role: Role) =>
  `/api/instruments/${ins.id}/${ins.version}/${role}`
