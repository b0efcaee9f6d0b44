// Soak test: sends failing requests through every adapter on 127.0.0.1, checks every response,
// and reports throughput and retained heap. Not part of the unit suite.
//
//   npm run soak                                  # builds, then 100,000 requests per adapter
//   node --expose-gc scripts/soak.mjs --requests 50000 --adapters 'express 5,hono 4' --budget-seconds 120
//
// The servers are test/apps' (SERVERS of test/apps/index.mjs, the HTTP/1 ones), with the built package.
//
// Each adapter's server runs in its own child process (with --expose-gc), so the heap measured is
// the server's alone and the client does not compete with it for the same event loop. The heap is
// read after `global.gc()` once warm (before), half-way, and at the end (after). The first half
// also fills caches and JIT code, so the verdict is taken on the second half: the heap "grew" when
// the end is more than 2 MB above the half-way mark, i.e. more than ~40 bytes kept per request at
// the default count. A time budget for the whole run (default 600 s, shared out among the adapters
// still to run) keeps it bounded; an adapter that runs out of its share stops early and says so.
import { fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import createError from 'http-errors'
import { build, fromPackage, SERVERS } from '../test/apps/index.mjs'
import { conformanceRoutes, SIGNUP } from '../test/apps/routes.mjs'
import { start } from '../test/apps/serve.mjs'

// Every HTTP/1 server of test/apps (the shared factories), with the built package.
const ADAPTERS = Object.keys(SERVERS).filter((name) => !SERVERS[name].http2)
const WARMUP = 2_000
const GROWTH_LIMIT_MB = 2

/** The failures sent, in turn: path, method, body, and the status and code each must get. */
const KINDS = [
  { path: '/plain', status: 500, code: 'INTERNAL_SERVER_ERROR' },
  { path: '/missing', status: 404, code: 'NOT_FOUND' },
  { path: '/http-errors', status: 404, code: 'NOT_FOUND' },
  {
    path: '/validate',
    method: 'POST',
    body: '{"email":"not-an-email","age":12}',
    status: 422,
    code: 'VALIDATION_FAILED',
  },
  { path: '/upstream-refused', status: 503, code: 'SERVICE_UNAVAILABLE' },
]

const SECRET = 'hunter2'

// ---------------------------------------------------------------- server (child process) side

async function serve(adapter) {
  // Hono's bodyLimit() under @hono/node-server keeps heap of its own, with or without http-triage
  // (docs/guarantees.md): the Hono app runs without it here, so that what is measured is ours.
  const bodyLimit = adapter === 'hono 4' ? Number.POSITIVE_INFINITY : undefined
  const server = await start(
    await build(adapter, { load: fromPackage, routes: soakRoutes(), options: { log: () => {} }, bodyLimit }),
  )
  process.on('message', (message) => {
    if (message?.cmd === 'heap') {
      for (let i = 0; i < 3; i++) global.gc?.()
      process.send({ heap: process.memoryUsage().heapUsed, gc: typeof global.gc === 'function' })
    } else if (message?.cmd === 'exit') {
      server.close().then(() => process.exit(0))
    }
  })
  process.send({ url: server.url })
}

/** The conformance routes, with a refused connection made by hand (no upstream to dial). */
function soakRoutes() {
  const refused = () =>
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
    })
  return conformanceRoutes({
    httpErrors() {
      throw createError(404, 'No such widget')
    },
    validate: (body) => SIGNUP.parse(body),
    upstreamRefused: () => Promise.reject(refused()),
    upstreamTimeout: () => Promise.reject(refused()),
    plain() {
      throw new Error(`db password=${SECRET}`)
    },
  })
}

// ---------------------------------------------------------------- client (parent process) side

function ask(child, message) {
  return new Promise((resolve, reject) => {
    const onMessage = (reply) => {
      child.off('exit', onExit)
      resolve(reply)
    }
    const onExit = (code) => reject(new Error(`server exited with ${code}`))
    child.once('message', onMessage)
    child.once('exit', onExit)
    child.send(message)
  })
}

/** Checks one response: status, content type, JSON body shape, request id, and no secret. */
function check(kind, statusCode, headers, text) {
  if (statusCode !== kind.status) return `status ${statusCode} for ${kind.path}`
  if (headers['content-type'] !== 'application/problem+json') return `content-type ${headers['content-type']}`
  if (headers['cache-control'] !== 'no-store') return 'cache-control'
  if (text.includes(SECRET)) return 'secret in body'
  let body
  try {
    body = JSON.parse(text)
  } catch {
    return 'body is not JSON'
  }
  if (body.status !== kind.status || body.code !== kind.code) return `body ${text.slice(0, 120)}`
  if (typeof body.title !== 'string' || typeof body.detail !== 'string') return 'body shape'
  if (body.request_id !== headers['x-request-id']) return 'request id'
  return undefined
}

async function load(pool, count, connections, deadline, stats) {
  let next = 0
  async function worker() {
    while (next < count && Date.now() < deadline) {
      const kind = KINDS[next++ % KINDS.length]
      try {
        const response = await pool.request({
          path: kind.path,
          method: kind.method ?? 'GET',
          headers: kind.body ? { 'content-type': 'application/json' } : {},
          body: kind.body,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        })
        const text = await response.body.text()
        const problem = check(kind, response.statusCode, response.headers, text)
        if (problem) {
          stats.failures++
          if (stats.samples.length < 5) stats.samples.push(problem)
        }
      } catch (error) {
        stats.failures++
        if (stats.samples.length < 5) stats.samples.push(String(error))
      }
      stats.requests++
    }
  }
  await Promise.all(Array.from({ length: connections }, worker))
}

async function soak(adapter, { requests, connections, maxSeconds }) {
  const { Pool } = await import('undici')
  const child = fork(fileURLToPath(import.meta.url), ['--serve', adapter], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    const { url } = await new Promise((resolve, reject) => {
      child.once('message', resolve)
      child.once('exit', (code) => reject(new Error(`${adapter} server exited with ${code}`)))
    })
    const pool = new Pool(url, { connections, pipelining: 1 })
    const warm = { requests: 0, failures: 0, samples: [] }
    await load(pool, WARMUP, connections, Date.now() + 60_000, warm)
    const before = await ask(child, { cmd: 'heap' })
    const stats = { requests: 0, failures: warm.failures, samples: warm.samples }
    const deadline = Date.now() + maxSeconds * 1000
    // Timed in two halves, so that the heap reading in the middle is not counted.
    let started = performance.now()
    await load(pool, Math.floor(requests / 2), connections, deadline, stats)
    let seconds = (performance.now() - started) / 1000
    const middle = await ask(child, { cmd: 'heap' })
    started = performance.now()
    await load(pool, requests - Math.floor(requests / 2), connections, deadline, stats)
    seconds += (performance.now() - started) / 1000
    const after = await ask(child, { cmd: 'heap' })
    await pool.close()
    const mb = (bytes) => bytes / 1024 / 1024
    return {
      adapter,
      requests: stats.requests,
      failures: stats.failures,
      samples: stats.samples,
      perSecond: Math.round(stats.requests / seconds),
      heapBefore: mb(before.heap),
      heapMiddle: mb(middle.heap),
      heapAfter: mb(after.heap),
      grew: mb(after.heap - middle.heap) > GROWTH_LIMIT_MB,
      gc: before.gc,
      capped: stats.requests < requests,
    }
  } finally {
    child.send({ cmd: 'exit' })
    const timer = setTimeout(() => child.kill(), 5000)
    await exited
    clearTimeout(timer)
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      requests: { type: 'string', default: '100000' },
      connections: { type: 'string', default: '64' },
      adapters: { type: 'string', default: ADAPTERS.join(',') },
      'budget-seconds': { type: 'string', default: '600' },
    },
  })
  if (values.serve) return serve(values.serve)

  const requests = Number(values.requests)
  const connections = Number(values.connections)
  const budgetSeconds = Number(values['budget-seconds'])
  const adapters = values.adapters.split(',').filter(Boolean)
  for (const adapter of adapters)
    if (!ADAPTERS.includes(adapter)) throw new Error(`unknown adapter ${adapter}`)

  const started = Date.now()
  console.log(
    `soak: ${requests.toLocaleString('en')} failing requests per adapter, ${connections} keep-alive connections, ` +
      `time budget ${budgetSeconds} s; ${os.cpus().length} CPUs (nproc ${os.availableParallelism()}), node ${process.version}, ${new Date().toISOString()}`,
  )
  const rows = []
  for (const [index, adapter] of adapters.entries()) {
    const left = budgetSeconds - (Date.now() - started) / 1000
    const maxSeconds = Math.max(5, left / (adapters.length - index))
    const row = await soak(adapter, { requests, connections, maxSeconds })
    rows.push(row)
    console.log(
      `  ${adapter}: ${row.requests} requests, ${row.failures} failures, ${row.perSecond} req/s` +
        (row.samples.length ? ` (e.g. ${row.samples.join(' | ')})` : ''),
    )
  }
  const f = (n) => n.toFixed(1)
  console.log('')
  console.log(
    '| adapter | requests | failures | req/s | heap before (MB) | heap half-way (MB) | heap after (MB) | retained heap grew? (after − half-way) |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---|')
  const signed = (n) => `${n >= 0 ? '+' : ''}${f(n)}`
  for (const r of rows) {
    const growth = `${r.grew ? 'YES' : 'no'} (${signed(r.heapAfter - r.heapMiddle)} MB)`
    console.log(
      `| ${r.adapter} | ${r.requests.toLocaleString('en')}${r.capped ? ' (time cap)' : ''} | ${r.failures} | ${r.perSecond.toLocaleString('en')} | ${f(r.heapBefore)} | ${f(r.heapMiddle)} | ${f(r.heapAfter)} | ${growth} |`,
    )
  }
  console.log('')
  console.log(
    `total ${Math.round((Date.now() - started) / 1000)} s${rows.every((r) => r.gc) ? '' : ' (WARNING: the servers ran without --expose-gc)'}`,
  )
  if (rows.some((r) => r.capped))
    console.log(`some adapters ran out of time: lower --requests or raise --budget-seconds on this machine`)
  const failed = rows.some((r) => r.failures > 0 || r.grew)
  process.exitCode = failed ? 1 : 0
}

await main()
