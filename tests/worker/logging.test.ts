/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'

/**
 * Logs must never carry a request's headers, body, URL, token, password or answers: logs leave
 * the Worker (Workers Logs, tail) and would undo the anonymity the database keeps. This test
 * reads the Worker's source and checks every console call.
 */
const sources = import.meta.glob('../../worker/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>
const FORBIDDEN = /\b(req|request|headers?|body|url|token|password|answers?|cookie|email|ip)\b|c\.req|cf-connecting-ip/i

describe('logging', () => {
  it('reads the Worker source', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20)
  })

  it('logs no headers, bodies, URLs, tokens, passwords or answers', () => {
    const offences: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      if (file.includes('/cli/')) continue // Node-only tools that print to the operator's own terminal
      text.split('\n').forEach((line, i) => {
        const call = line.match(/console\.(log|info|warn|error|debug)\((.*)$/)
        if (call) {
          // The message string is free text; what is logged is everything after it.
          const args = call[2]!.replace(/^'[^']*'|^"[^"]*"|^`[^`]*`/, '')
          if (FORBIDDEN.test(args)) offences.push(`${file}:${i + 1}: ${line.trim()}`)
        }
      })
    }
    expect(offences).toEqual([])
  })

  it('turns invocation logs off in wrangler.toml', async () => {
    const toml = (
      import.meta.glob('../../wrangler.toml', { query: '?raw', import: 'default', eager: true }) as Record<
        string,
        string
      >
    )['../../wrangler.toml']!
    expect(toml).toMatch(/\[observability\.logs\][^[]*invocation_logs = false/)
  })
})
