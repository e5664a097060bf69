import type { Lang } from '../../schema/format.ts'

/**
 * The columns of the results' CSV export, in the order worker/services/results-service.ts writes
 * each row, and their header in each language: one name per column, so the two languages cannot
 * differ in the number or order of columns (the type holds both to this list).
 */
const CSV_COLUMNS = [
  'wave',
  'role',
  'partner',
  'n',
  'dimension',
  'dimensionName',
  'nDimension',
  'mean',
  'sd',
  'ci95Low',
  'ci95High',
  'level',
  'levelName',
  'levelCapped',
  'agreement',
  'levelHeld',
  'levelClear',
  'levelMarginReaches',
  'hiddenReason',
  'nShared',
  'meanShared',
  'sharedHiddenReason',
  'actions',
  // Appended, so a reader's sheet built on the columns above keeps working.
  'meanShown',
  'ci95ShownLow',
  'ci95ShownHigh',
  'levelSpanLow',
  'levelSpanHigh',
  'levelShown',
] as const

type CsvColumn = (typeof CSV_COLUMNS)[number]

const CSV_HEADERS: Record<Lang, Record<CsvColumn, string>> = {
  nl: {
    wave: 'ronde',
    role: 'rol',
    partner: 'partner',
    n: 'n',
    dimension: 'dimensie',
    dimensionName: 'dimensie_naam',
    nDimension: 'n_dimensie',
    mean: 'gemiddelde',
    sd: 'sd',
    ci95Low: 'bi95_laag',
    ci95High: 'bi95_hoog',
    level: 'niveau',
    levelName: 'niveau_naam',
    levelCapped: 'niveau_begrensd',
    agreement: 'overeenstemming_rwg',
    levelHeld: 'niveau_achtergehouden',
    levelClear: 'niveau_duidelijk',
    levelMarginReaches: 'niveau_marge_reikt_tot',
    hiddenReason: 'reden_niet_getoond',
    nShared: 'n_gedeelde_vragen',
    meanShared: 'gemiddelde_gedeelde_vragen',
    sharedHiddenReason: 'reden_gedeelde_vragen_niet_getoond',
    actions: 'verbeterafspraken',
    meanShown: 'gemiddelde_getoond',
    ci95ShownLow: 'bi95_getoond_laag',
    ci95ShownHigh: 'bi95_getoond_hoog',
    levelSpanLow: 'marge_van_niveau',
    levelSpanHigh: 'marge_tot_niveau',
    levelShown: 'niveau_getoond',
  },
  en: {
    wave: 'wave',
    role: 'role',
    partner: 'partner',
    n: 'n',
    dimension: 'dimension',
    dimensionName: 'dimension_name',
    nDimension: 'n_dimension',
    mean: 'mean',
    sd: 'sd',
    ci95Low: 'ci95_low',
    ci95High: 'ci95_high',
    level: 'level',
    levelName: 'level_name',
    levelCapped: 'level_capped',
    agreement: 'agreement_rwg',
    levelHeld: 'level_held',
    levelClear: 'level_clear',
    levelMarginReaches: 'level_margin_reaches',
    hiddenReason: 'hidden_reason',
    nShared: 'n_shared_questions',
    meanShared: 'mean_shared_questions',
    sharedHiddenReason: 'shared_hidden_reason',
    actions: 'actions',
    meanShown: 'mean_shown',
    ci95ShownLow: 'ci95_shown_low',
    ci95ShownHigh: 'ci95_shown_high',
    levelSpanLow: 'margin_from_level',
    levelSpanHigh: 'margin_to_level',
    levelShown: 'level_shown',
  },
}

/** The CSV export's header row in one language. */
export const csvHeaderIn = (lang: Lang): string[] => CSV_COLUMNS.map((column) => CSV_HEADERS[lang][column])

/**
 * The columns of the agreed actions' CSV (worker/services/action-service.ts `actionsCsvRows`), in
 * its order, with their header in each language, held to one list as the results' columns are.
 */
const ACTION_CSV_COLUMNS = ['partner', 'dimensionName', 'what', 'owner', 'due', 'status', 'recordedOn', 'wave'] as const

const ACTION_CSV_HEADERS: Record<Lang, Record<(typeof ACTION_CSV_COLUMNS)[number], string>> = {
  nl: {
    partner: 'partner',
    dimensionName: 'dimensie',
    what: 'afspraak',
    owner: 'wie',
    due: 'klaar_op',
    status: 'status',
    recordedOn: 'vastgelegd_op',
    wave: 'ronde',
  },
  en: {
    partner: 'partner',
    dimensionName: 'dimension',
    what: 'what',
    owner: 'owner',
    due: 'due',
    status: 'status',
    recordedOn: 'recorded_on',
    wave: 'wave',
  },
}

/** The agreed actions' CSV header row in one language. */
export const actionsCsvHeaderIn = (lang: Lang): string[] =>
  ACTION_CSV_COLUMNS.map((column) => ACTION_CSV_HEADERS[lang][column])
