/**
 * The one error a route, guard or service throws to refuse a request: a stable `code` and the
 * parameters its wording names. It knows nothing of HTTP: worker/http/problem.ts gives each code
 * its status and title (`REFUSALS`) and renders it once, as problem+json in the request's
 * language. Here, not in http/, so a service can refuse without reaching into the HTTP plumbing.
 */

import type { Lang } from '../../schema/format.ts'
import type { ErrorCatalogue, ErrorCode } from '../i18n/errors-nl.ts'

export type { ErrorCode }

/** The parameters a code's wording takes (worker/i18n/errors-nl.ts); none for a fixed text. */
export type ParamsOf<C extends ErrorCode> = Parameters<ErrorCatalogue[C]> extends [infer P] ? P : Record<string, never>
type ParamArgs<C extends ErrorCode> = Parameters<ErrorCatalogue[C]> extends [] ? [] : [ParamsOf<C>]

export class Refusal extends Error {
  readonly code: ErrorCode
  readonly params: Readonly<Record<string, unknown>>
  /**
   * Parameters that read differently per language, over `params` (the English ones): the field
   * messages of a refused request, which schema/ and zod write in English.
   */
  readonly inLang: Readonly<Partial<Record<Lang, Readonly<Record<string, unknown>>>>>
  constructor(
    code: ErrorCode,
    params: Record<string, unknown> = {},
    inLang: Partial<Record<Lang, Record<string, unknown>>> = {},
  ) {
    super(code)
    this.name = 'Refusal'
    this.code = code
    this.params = params
    this.inLang = inLang
  }

  /** The parameters in one language. */
  paramsIn(lang: Lang): Readonly<Record<string, unknown>> {
    return { ...this.params, ...this.inLang[lang] }
  }
}

/** A refusal with the parameters its code's wording takes, checked by the compiler. */
export const refuse = <C extends ErrorCode>(code: C, ...params: ParamArgs<C>): Refusal =>
  new Refusal(code, params[0] ?? {})
