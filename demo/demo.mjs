// npm run demo: a real Express server on 127.0.0.1 with http-triage's adapter, driven through real
// failures of real libraries. Each row: what the route threw → the status, code and body the client saw.
import { createServer } from 'node:http'
import { PGlite } from '@electric-sql/pglite'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import axios from 'axios'
import express from 'express'
import createError from 'http-errors'
import { errorHandler, notFoundHandler } from 'http-triage/express'
import { openTelemetry } from 'http-triage/otel'
import jwt from 'jsonwebtoken'
import CircuitBreaker from 'opossum'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { z } from 'zod'

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

const app = express()
app.use(express.json())
for (const [, path, action] of CASES) {
  if (action)
    app.all(path, async () => {
      await action()
    })
}
app.post('/json', (req, res) => res.json(req.body))
// Every error is counted on http_triage.errors (http-triage/otel), read back after the table.
class Reader extends MetricReader {
  async onForceFlush() {}
  async onShutdown() {}
}
const reader = new Reader()
const triage = { report: openTelemetry({ meterProvider: new MeterProvider({ readers: [reader] }) }) }
app.use(notFoundHandler(triage))
app.use(errorHandler(triage))
const server = createServer(app)
const port = await listen(server)

const rows = []
for (const [what, path, , init] of CASES) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, init)
  const body = await response.json()
  const { request_id, type, ...shown } = body
  const extra = ['retry-after', 'www-authenticate']
    .filter((h) => response.headers.has(h))
    .map((h) => `${h}: ${response.headers.get(h)}`)
  rows.push({
    what,
    status: response.status,
    code: body.code,
    body: JSON.stringify(shown),
    headers: extra.join('; '),
  })
}

const width = (key) => Math.max(key.length, ...rows.map((row) => String(row[key]).length))
const columns = ['what', 'status', 'code', 'headers']
const line = (row) => `${columns.map((key) => String(row[key]).padEnd(width(key))).join(' │ ')} │ ${row.body}`
console.log(
  line({
    what: 'thrown',
    status: 'status',
    code: 'code',
    headers: 'headers',
    body: 'body the client saw (request_id and type omitted)',
  }),
)
console.log('─'.repeat(120))
for (const row of rows) console.log(line(row))

const { resourceMetrics } = await reader.collect()
const points = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.flatMap((m) => m.dataPoints))
console.log('\nhttp_triage.errors (OpenTelemetry counter), by route, status, error.type and rule:')
for (const { attributes: a, value } of points) {
  console.log(
    `  ${String(value).padStart(2)}  ${String(a['http.request.method']).padEnd(4)} ${(a['http.route'] ?? '(no route)').padEnd(10)} ${a['http.response.status_code']} ${String(a['error.type']).padEnd(22)} ${a['http_triage.rule']}`,
  )
}

server.closeAllConnections()
hanging.closeAllConnections()
await Promise.all([server, hanging, upstream].map((s) => new Promise((resolve) => s.close(resolve))))
await db.close()
breaker.shutdown()
