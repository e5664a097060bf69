import type { Lang } from '../../schema/format.ts'
import type { IssueDecision } from '../domain/password-link-rule.ts'
import { errorsEn, titlesEn } from './errors-en.ts'
import { errorsNl, titlesNl } from './errors-nl.ts'

/**
 * What the two refusal catalogues (errors-nl.ts, errors-en.ts) share: the codes, the types their
 * parameters name, and the catalogues by language. The Dutch one is the reference: the English
 * one is typed against it, so both have exactly the same codes with the same parameters.
 */
export type ErrorCatalogue = typeof errorsNl
export type ErrorCode = keyof ErrorCatalogue

const errorCatalogues: Record<Lang, ErrorCatalogue> = { nl: errorsNl, en: errorsEn }

/**
 * What a refusal says in one language: the one place a code and its parameters become words,
 * whether the refusal is rendered as problem+json (worker/http/problem.ts) or as a page
 * (worker/http/page-reader.tsx, worker/pages/).
 */
export const wordingOf = (code: ErrorCode, params: Readonly<Record<string, unknown>>, lang: Lang): string =>
  (errorCatalogues[lang][code] as (params: Readonly<Record<string, unknown>>) => string)(params)

const titles: Record<Lang, Record<ErrorCode, string>> = { nl: titlesNl, en: titlesEn }

/** A refusal's title in one language: the problem document's summary of its kind (worker/http/problem.ts). */
export const titleOf = (code: ErrorCode, lang: Lang): string => titles[lang][code]

/** Which limiter refused: the scopes `rateLimited` in worker/http/ratelimit.ts is called with. */
export type LimitScope = 'signin-client' | 'signin' | 'submit'

/** Why only an administrator may issue a password link (worker/domain/password-link-rule.ts). */
export type AdminReason = Extract<IssueDecision, { ok: false }>['reason']
