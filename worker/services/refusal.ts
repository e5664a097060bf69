/**
 * The one error a route, guard or service throws to refuse a request: a stable `code` and the
 * parameters its wording names, nothing more. It knows nothing of HTTP or of languages:
 * worker/http/problem.ts gives each code its status and title (`REFUSALS`) and words it once,
 * when it is rendered, in the request's language (worker/i18n/errors-nl.ts, errors-en.ts). Here,
 * not in http/, so a service can refuse without reaching into the HTTP plumbing.
 */

import type { ErrorCatalogue, ErrorCode } from '../i18n/errors.ts'

export type { ErrorCode }

/** The parameters a code's wording takes (worker/i18n/errors-nl.ts); none for a fixed text. */
export type ParamsOf<C extends ErrorCode> = Parameters<ErrorCatalogue[C]> extends [infer P] ? P : Record<string, never>
type ParamArgs<C extends ErrorCode> = Parameters<ErrorCatalogue[C]> extends [] ? [] : [ParamsOf<C>]

export class Refusal extends Error {
  readonly code: ErrorCode
  readonly params: Readonly<Record<string, unknown>>
  /** Made by `refuse`, which checks the parameters against the code. */
  constructor(code: ErrorCode, params: Readonly<Record<string, unknown>>) {
    super(code)
    this.name = 'Refusal'
    this.code = code
    this.params = params
  }
}

/** A refusal with the parameters its code's wording takes, checked by the compiler. */
export const refuse = <C extends ErrorCode>(code: C, ...params: ParamArgs<C>): Refusal =>
  new Refusal(code, params[0] ?? {})
