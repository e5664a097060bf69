/**
 * The shortest password accepted: the API's rule (schema/api.ts), which the password form
 * (worker/pages/app-frame.tsx) and its script (web/app-shell.ts) check before sending. A file of
 * its own so the browser script takes the number without zod.
 */
export const PASSWORD_MIN_LENGTH = 10
