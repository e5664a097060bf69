import { z } from 'zod'
import { LANGS } from './format.ts'
import { ROLES } from './instrument.ts'

/**
 * The query strings of the lead's pages under /app. A page forgives what a person may have typed
 * or kept in a bookmark (an unknown role, trend or trail page shows the default), but a value
 * that is not one value at all (`?wave=a&wave=b`) is refused as the API refuses it; a wave that
 * does not exist is a 404 from the page itself.
 */

/**
 * `?lang=`: the language the reader just chose, on every page (worker/http/lang.ts reads it
 * through this schema for pages and problem documents alike). Anything else is no choice: the
 * remembered language or the browser's is used then.
 */
export const LangChoice = z.enum(LANGS).optional().catch(undefined)

/** What every page's query may carry: the language choice. The pages below add their own. */
export const PageQuery = z.object({ lang: LangChoice })

/** The results page: which wave, which role's view, whose trend. */
export const ResultsPageQuery = PageQuery.extend({
  wave: z.string().optional(),
  role: z.enum(ROLES).catch('medewerker'),
  trend: z.string().max(100).catch('programme').default('programme'),
  /** The heatmap's order: "partner", "gap" or "dim:<dimension>" (worker/domain/heatmap.ts parseHeatSort). */
  sort: z.string().max(100).catch('partner').default('partner'),
  /**
   * The action form opened with this partner and dimension chosen: what a stand-out's "Actie
   * afspreken" link asks (worker/pages/results-standouts.tsx `Step`). One the reader may not record
   * an action on is not chosen, as the form never offers it.
   */
  actionPartner: z.string().max(100).optional().catch(undefined),
  actionDimension: z.string().max(100).optional().catch(undefined),
})

/**
 * One dimension's answers per question on the results page: which wave, which role's view, and
 * `part=table` for the table alone, which web/results.ts loads into the page when the reader opens
 * the dimension (without it, a page of its own: the link's target without JavaScript).
 */
export const QuestionsPageQuery = PageQuery.extend({
  wave: z.string().optional(),
  role: z.enum(ROLES).catch('medewerker'),
  part: z.enum(['table']).optional(),
})

/** The measurement-quality page: which wave, which role. */
export const QualityPageQuery = PageQuery.extend({
  wave: z.string().optional(),
  role: z.enum(ROLES).catch('medewerker'),
})

/** The setup page: the wave whose links are shown and the trail's page (a bad one: the newest). */
export const SetupPageQuery = PageQuery.extend({
  wave: z.string().optional(),
  audit: z.coerce.number().int().min(1).max(100_000).catch(1),
})

/**
 * The sign-in page: where to go afterwards (checked against open redirects by the page), the
 * address to fill in (cut to the longest an address may be), and whether a password was just set.
 */
export const LoginPageQuery = PageQuery.extend({
  next: z.string().optional(),
  email: z
    .string()
    .optional()
    .transform((email) => email?.slice(0, 320)),
  set: z.string().optional(),
})

/** A partner's report: which wave and which role's view. */
export const ReportPageQuery = PageQuery.extend({
  wave: z.string().optional(),
  role: z.enum(ROLES).catch('medewerker'),
})

/**
 * The token a refused survey page names in its own address: whatever the path held, even what
 * `pathParams` refused (worker/http/page-reader.tsx, `surveyRefusal`, cuts it to 40 characters).
 */
export const RefusedSurveyPath = z.object({ token: z.string().catch('') })
