import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Collect, HeldOutCase } from './case.js'
import { type Scored, score } from './score.js'

// The held-out set (see README.md here): real errors from libraries no rule was written against,
// scored against their policy labels. The score may rise; it may not fall below the one recorded
// in docs/policy.md.

const root = new URL('../../', import.meta.url)
const casesDir = new URL('./cases/', import.meta.url)

async function collectAll(): Promise<HeldOutCase[]> {
  const files = readdirSync(casesDir)
    .filter((file) => file.endsWith('.ts'))
    .sort()
  const all: HeldOutCase[] = []
  const limit = Error.stackTraceLimit
  const bigIntToJson = Object.getOwnPropertyDescriptor(BigInt.prototype, 'toJSON')
  for (const file of files) {
    // Each library's errors are made with the runtime's default stack depth, as in an application
    // that imports none of the others (one of them raises the limit for the whole process), with
    // the runtime's own fetch (one of them puts a polyfill in its place when imported), and with
    // no `BigInt.prototype.toJSON` unless the runtime has one (one of them adds it on import).
    const web = WEB_GLOBALS.map((name) => Object.getOwnPropertyDescriptor(globalThis, name))
    Error.stackTraceLimit = 10
    const { collect } = (await import(new URL(file, casesDir).href)) as { collect: Collect }
    Error.stackTraceLimit = 10
    all.push(...(await settled(collect(), file)))
    WEB_GLOBALS.forEach((name, i) => {
      const descriptor = web[i]
      if (descriptor) Object.defineProperty(globalThis, name, descriptor)
    })
    if (bigIntToJson) Object.defineProperty(BigInt.prototype, 'toJSON', bigIntToJson)
    else delete (BigInt.prototype as { toJSON?: unknown }).toJSON
  }
  Error.stackTraceLimit = limit
  return all
}

/** The Web platform's globals that a library may replace with a polyfill of its own. */
const WEB_GLOBALS = [
  'fetch',
  'FormData',
  'Headers',
  'Request',
  'Response',
  'Blob',
  'AbortController',
] as const

/** How long one collector may take: a library that never settles a call fails the set, by name. */
const COLLECT_TIMEOUT_MS = 120_000

/** A collector's cases, or an error that names it when it has not finished in time. */
async function settled(
  cases: Promise<readonly HeldOutCase[]>,
  file: string,
): Promise<readonly HeldOutCase[]> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`held-out: ${file} did not finish in 120 s`)),
      COLLECT_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([cases, late])
  } finally {
    clearTimeout(timer)
  }
}

/** The score recorded in docs/policy.md: `<!-- held-out: 170/187 -->`. */
function recordedScore(): { passed: number; total: number } {
  const page = readFileSync(new URL('docs/policy.md', root), 'utf8')
  const match = /<!-- held-out: (\d+)\/(\d+) -->/.exec(page)
  if (!match) throw new Error('docs/policy.md records no held-out score')
  return { passed: Number(match[1]), total: Number(match[2]) }
}

/** Every source file and every test outside the held-out set, as text. */
function otherSources(): string {
  const texts: string[] = []
  const walk = (dir: URL) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'held-out' || entry.name === 'node_modules' || entry.name === 'rpc') continue
      const url = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, dir)
      if (entry.isDirectory()) walk(url)
      else if (/\.(ts|mjs)$/.test(entry.name)) texts.push(readFileSync(url, 'utf8'))
    }
  }
  walk(new URL('src/', root))
  walk(new URL('test/', root))
  return texts.join('\n')
}

/**
 * Upstream statuses the classifier still passes through, each a miss no general reading explains
 * yet (docs/policy.md). A fix may only shrink the list: a new leak fails, and so does a fixed one
 * until it leaves the list; a new batch's leaks that no general reading fixes come in here, named,
 * with why.
 * - A secrets server's client that rejects with the API's error body as it was parsed, a plain
 *   `{ status, message }` object: no stack, no class, no envelope, nothing that says a call; the
 *   same shape as an application's own `throw { status: 404, message }` for our answer.
 */
const KNOWN_LEAKS = [
  // An RPC client's `RpcError('Unauthorized')` with `status: 401` and `code: 401`, whose stack shows
  // the awaiting application's frames: the shape of an application's own status error.
  'bitcoin-core: 401 (status:generic)',
  '@1password/connect: 401 (status:generic)',
  '@1password/connect: 404 (status:generic)',
  '@1password/connect: 429 (status:generic)',
  '@1password/connect: 500 (status:generic)',
  // An SDK's error named `UnauthorizedError` with a token code (`INVALID_JWT`) and no status or
  // evidence of its call: the shape of an auth middleware's error for the request's own token.
  '@tryghost/admin-api: 401 (auth:token-invalid)',
  // A callback client's report `{ message, error, code: 401 }`: a numeric `code` beside a message,
  // the shape of an application's own `{ code, message }`.
  'presto-client: 401 (carrier:code)',
  'presto-client: 500 (carrier:code)',
]

describe('the held-out set', async () => {
  const cases = await collectAll()
  const results: Scored[] = cases.map(score)
  const libraries = new Set(cases.map((c) => c.library))

  it('holds at least 60 real errors from at least 25 libraries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
    expect(libraries.size).toBeGreaterThanOrEqual(25)
  })

  it('names no library that a rule, catalog or other test names', () => {
    const sources = otherSources()
    const named = [...libraries].filter((library) =>
      new RegExp(`['"/\`\\s(]${library.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"/\`\\s)]`).test(sources),
    )
    expect(named).toEqual([])
  })

  it("never passes an upstream's status through, but for the known leaks listed here", () => {
    const leaked = results
      .filter((r) => r.case.upstreamStatus !== undefined && r.case.expect.status !== r.case.upstreamStatus)
      // The fallback's 500 reads no status: only a rule that took the upstream's status leaks it.
      // An upstream's 503 or 504 answered as the same status is the policy's own row, not a leak
      // (a case may be labelled otherwise for what its body says).
      .filter((r) => r.status === r.case.upstreamStatus && r.rule !== 'fallback')
      .filter((r) => r.status !== 503 && r.status !== 504)
    expect(leaked.map((r) => `${r.case.library}: ${r.status} (${r.rule})`)).toEqual(KNOWN_LEAKS)
  })

  it('answers 400–599 for every case', () => {
    for (const r of results) expect(r.status >= 400 && r.status <= 599, r.case.what).toBe(true)
  })

  it('scores at least the score recorded in docs/policy.md', () => {
    const passed = results.filter((r) => r.misses.length === 0).length
    const recorded = recordedScore()
    const misses = results
      .filter((r) => r.misses.length > 0)
      .map((r) => `${r.case.library}: ${r.case.what} -> ${r.status} (${r.rule}): ${r.misses.join('; ')}`)
    if (passed / cases.length < recorded.passed / recorded.total || process.env.HELD_OUT_VERBOSE) {
      console.log(
        `held-out: ${passed}/${cases.length} from ${libraries.size} libraries\n${misses.join('\n')}`,
      )
    }
    expect(passed / cases.length, `${passed}/${cases.length}`).toBeGreaterThanOrEqual(
      recorded.passed / recorded.total,
    )
  })

  // The rebuilt classifier's target is 90 % (docs/policy.md tells how the score moved; a new batch
  // that takes it below makes this an `it.fails`, a known gap kept in view, until it is back).
  it('scores at least 90 %', () => {
    const passed = results.filter((r) => r.misses.length === 0).length
    expect(passed / cases.length).toBeGreaterThanOrEqual(0.9)
  })
})
