// npm run demo: a real Express server on 127.0.0.1 with http-triage's adapter, driven through real
// failures of real libraries. Each row: what the route threw → the status, code and body the client saw.
import { createServer } from 'node:http'
import { PGlite } from '@electric-sql/pglite'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import axios from 'axios'
import createError from 'http-errors'
import { openTelemetry } from 'http-triage/otel'
import jwt from 'jsonwebtoken'
import CircuitBreaker from 'opossum'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { z } from 'zod'
import { build, fromPackage } from '../test/apps/index.mjs'
import { start } from '../test/apps/serve.mjs'

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))

// Loopback dependencies: a closed port, a server that never answers, and an API that answers 401.
const probe = createServer()
const closedPort = await listen(probe)
await new Promise((resolve) => probe.close(resolve))
const hanging = createServer(() => {})
const hangingPort = await listen(hanging)
const upstream = createServer((_req, res) =>
  res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}'),
)
const upstreamPort = await listen(upstream)

const db = new PGlite()
await db.exec('create table users (email text primary key)')
await db.exec("insert into users values ('ada@example.com')")
const breaker = new CircuitBreaker(async () => 'ok')
breaker.open()
const limiter = new RateLimiterMemory({ points: 1, duration: 60 })

const CASES = [
  [
    'http-errors 404',
    '/widgets/7',
    () => {
      throw createError(404, 'No such widget')
    },
  ],
  [
    'zod validation failure',
    '/signup',
    () => z.object({ email: z.email(), age: z.number().min(18) }).parse({ email: 'nope', age: 12 }),
  ],
  [
    'malformed JSON body (body-parser)',
    '/json',
    null,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' },
  ],
  ['fetch to a closed port', '/refused', () => fetch(`http://127.0.0.1:${closedPort}/`)],
  [
    'fetch with AbortSignal.timeout',
    '/slow',
    () => fetch(`http://127.0.0.1:${hangingPort}/`, { signal: AbortSignal.timeout(100) }),
  ],
  ['axios: upstream said 401', '/payments', () => axios.get(`http://127.0.0.1:${upstreamPort}/charge`)],
  ['Postgres unique violation', '/users', () => db.query("insert into users values ('ada@example.com')")],
  ['expired JWT', '/me', () => jwt.verify(jwt.sign({ sub: 'u1', exp: 1 }, 'secret'), 'secret')],
  ['circuit breaker open (opossum)', '/breaker', () => breaker.fire()],
  [
    'rate limited (rate-limiter-flexible)',
    '/limited',
    async () => {
      await limiter.consume('ip')
      await limiter.consume('ip')
    },
  ],
  [
    'plain Error with a secret',
    '/plain',
    () => {
      throw new Error('db password=hunter2')
    },
  ],
  [
    'thrown string',
    '/string',
    () => {
      throw 'something broke'
    },
  ],
  ['no such route', '/nowhere', undefined],
]

// The routes: each case's action at its path, and a JSON echo for the malformed body.
const routes = [
  ...CASES.filter(([, , action]) => action).map(([, path, action]) => ({ method: 'GET', path, run: action })),
  { method: 'POST', path: '/json', run: (body) => body },
]
// Every error is counted on http_triage.errors (http-triage/otel), read back after the table.
class Reader extends MetricReader {
  async onForceFlush() {}
  async onShutdown() {}
}
const reader = new Reader()
// What the log got: every report, by request id (a log function receives the report, its level and
// its message; console and pino get the same report).
const logged = new Map()
const triage = {
  log: (report, level) => logged.set(report.request_id, { report, level }),
  report: openTelemetry({ meterProvider: new MeterProvider({ readers: [reader] }) }),
}
// The app: test/apps' Express 5 app (express.json, the routes, then notFoundHandler() and
// errorHandler() of http-triage/express from the built package).
const server = await start(await build('express 5', { load: fromPackage, routes, options: triage }))

// The screen: at most 100 columns. Per failure: what was thrown and the request, then what the
// client got (status, code, the headers that matter, the body's detail), then what the log got.
const WIDTH = 100
const clip = (line) => (line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line)
/**
 * Items joined by two spaces after `lead`, wrapped at WIDTH onto lines indented as far as the first
 * item. A group after one that wrapped starts on a line of its own.
 */
function pack(lead, ...groups) {
  const indent = ' '.repeat(lead.length)
  const lines = []
  let line = lead
  for (const [index, items] of groups.entries()) {
    if (index > 0 && lines.length > 0 && line !== indent) {
      lines.push(line)
      line = indent
    }
    for (const item of items) {
      if (line.length > lead.length && line.length + 2 + item.length > WIDTH) {
        lines.push(line)
        line = indent
      }
      line += line.length > lead.length ? `  ${item}` : item
    }
  }
  lines.push(line)
  return lines.map(clip)
}
/** The error's `Name: message` (first line) and its causes': what the log says about it. */
function describe(value) {
  const one = (v) => {
    if (typeof v === 'string') return JSON.stringify(v)
    if (v === null || typeof v !== 'object') return String(v)
    const name = typeof v.name === 'string' ? v.name : v.constructor?.name
    if (typeof v.message !== 'string') return `${name ?? 'Object'} ${JSON.stringify(v)}`
    return `${name ?? 'Error'}: ${v.message.replace(/\s+/g, ' ')}`
  }
  const parts = [one(value)]
  for (let cause = value?.cause, depth = 0; cause !== undefined && depth < 3; depth++) {
    parts.push(`cause ${one(cause)}`)
    cause = cause?.cause
  }
  return parts.join(' ← ')
}

const USUAL = {
  'content-type': 'application/problem+json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}
const out = []
let mismatches = 0
for (const [index, [what, path, , init]] of CASES.entries()) {
  const response = await fetch(`${server.url}${path}`, init)
  const body = await response.json()
  const id = response.headers.get('x-request-id')
  const log = logged.get(id)
  const unusual = Object.entries(USUAL).filter(([name, value]) => response.headers.get(name) !== value)
  if (body.request_id !== id || !log || unusual.length) mismatches++
  const title = `${String(index + 1).padStart(2)}  ${what}`
  const request = `${init?.method ?? 'GET'} ${path}`
  out.push('', `${title}${request.padStart(WIDTH - title.length)}`)
  out.push(
    ...pack(
      '    client  ',
      [
        `${response.status} ${body.code}`,
        ...unusual.map(([name]) => `${name}: ${response.headers.get(name)}`),
        `x-request-id: ${id}${body.request_id === id ? '' : ` (body: ${body.request_id})`}`,
        ...['retry-after', 'www-authenticate', 'allow']
          .filter((name) => response.headers.has(name))
          // a long value is split after its commas, so it wraps instead of being cut
          .flatMap((name) => `${name}: ${response.headers.get(name)}`.split(/(?<=,) /)),
      ],
      [
        JSON.stringify(body.detail),
        ...(body.errors ? [`errors: ${body.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`] : []),
      ],
    ),
  )
  out.push(
    ...pack(
      '    log     ',
      log
        ? [`${log.level.padEnd(5)} rule=${log.report.rule}`, describe(log.report.err)]
        : ['(nothing logged with this request id)'],
    ),
  )
}

console.log(
  [
    'http-triage demo: a real Express app on 127.0.0.1, with errorHandler() and notFoundHandler() from',
    `http-triage/express, and ${CASES.length} routes that fail in real ways. For each failure: what was thrown,`,
    'what the client got, what the log got. Every response also had content-type:',
    'application/problem+json, cache-control: no-store and x-content-type-options: nosniff, and its',
    "x-request-id was the body's request_id and the log's (checked: a response that differs says so).",
    ...out,
  ]
    .map(clip)
    .join('\n'),
)

const { resourceMetrics } = await reader.collect()
const points = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.flatMap((m) => m.dataPoints))
console.log('\nhttp_triage.errors (OpenTelemetry counter), by route, status, error.type and rule:')
for (const { attributes: a, value } of points) {
  const route = `${String(a['http.request.method']).padEnd(4)} ${a['http.route'] ?? '(no route)'}`
  const status = a['http.response.status_code']
  console.log(
    clip(
      `  ${String(value).padStart(2)}  ${route.padEnd(15)} ${status} ${String(a['error.type']).padEnd(22)} ${a['http_triage.rule']}`,
    ),
  )
}

hanging.closeAllConnections()
await server.close()
await Promise.all([hanging, upstream].map((s) => new Promise((resolve) => s.close(resolve))))
await db.close()
breaker.shutdown()
if (mismatches) {
  console.log(`\n${mismatches} response(s) differ from what the introduction says: see above`)
  process.exitCode = 1
}
