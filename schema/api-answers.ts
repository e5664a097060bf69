import { z } from 'zod'
import { ROLES } from './instrument.ts'

/**
 * What the JSON API answers where a browser script reads it (web/setup.ts), declared once: the
 * Worker's route builds its answer to the type (`satisfies`), the script reads it as that type
 * with `import type`, so the two cannot drift apart and no zod reaches the browser.
 */

/** A survey link made or revealed now: the token is in this answer and nowhere else afterwards. */
export const MadeLink = z.object({
  id: z.string(),
  partnerId: z.string(),
  role: z.enum(ROLES),
  token: z.string(),
  url: z.string(),
})
export type MadeLink = z.infer<typeof MadeLink>

/** A group the link set made no link for, and why: a refusal code and its message in the reader's language. */
export const SkippedGroup = z.object({
  partnerId: z.string(),
  role: z.enum(ROLES),
  code: z.string(),
  reason: z.string(),
})
export type SkippedGroup = z.infer<typeof SkippedGroup>

/** POST /api/waves/:wid/link-set. */
export const LinkSetAnswer = z.object({ links: z.array(MadeLink), skipped: z.array(SkippedGroup) })
export type LinkSetAnswer = z.infer<typeof LinkSetAnswer>

/** A one-time password link to pass on (an invitation, a reset, or the acceptance of access). */
export const OneTimeLink = z.object({
  url: z.string(),
  expiresAt: z.string(),
  purpose: z.enum(['invite', 'reset', 'accept']),
})
export type OneTimeLink = z.infer<typeof OneTimeLink>

/**
 * An RFC 9457 problem document, as worker/http/problem.ts renders every refusal: `detail` for the
 * person who acts on it, `code` and the refusal's parameters (beside these) for a program.
 */
export const Problem = z.looseObject({
  type: z.literal('about:blank'),
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  code: z.string(),
})
export type Problem = z.infer<typeof Problem>
