/** Debian's Chromium: this machine cannot download a browser build of Playwright's own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The flags every Chromium of the e2e tests (tests/e2e/browser.ts) and the benchmarks
 * (tests/bench/lib/first-question.ts, lighthouse.ts) starts with: the closed network refuses
 * Chromium's background connections, and these stop it trying.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
