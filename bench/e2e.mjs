// End to end: for Express 5, Fastify 5 and Hono (@hono/node-server), a route that throws, answered
// by the framework's default error handler (A), by a fixed handler writing http-triage's response
// without classifying anything (F), and by http-triage's adapter (B). The three servers run at
// once, each in its own process; autocannon (in this process) loads one at a time, round after
// round, the order rotating (A/F/B, F/B/A, B/A/F …). On a shared 2-core machine the load of other
// processes drifts, so the ratios are taken per round (servers measured seconds apart) and their
// median reported, with their range.
// Run after `npm run build`: node bench/e2e.mjs
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { median, printTable, verdict } from './table.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.25)
const WARMUP_SECONDS = 1
const CONNECTIONS = 16
const TARGET = 0.95
const SERVER = fileURLToPath(new URL('./e2e-server.mjs', import.meta.url))
const VARIANTS = ['default', 'fixed', 'http-triage']

const versionOf = (name) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version
const versions = { express: versionOf('express'), fastify: versionOf('fastify'), hono: versionOf('hono') }

/** Starts a server process; resolves with its URL, a way to read its CPU time, and a stop. */
function start(framework, variant) {
  const child = fork(SERVER, [framework, variant], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let pending
  child.on('message', (message) => pending?.resolve(message))
  child.on('exit', (code) =>
    pending?.reject(new Error(`bench: ${framework}/${variant} server exited (${code})`)),
  )
  const next = () => new Promise((resolve, reject) => (pending = { resolve, reject }))
  return next().then(({ url }) => ({
    url: `${url}/boom`,
    async cpu() {
      const reply = next()
      child.send('cpu')
      const { cpu } = await reply
      return cpu.user + cpu.system
    },
    stop() {
      child.send('exit')
    },
  }))
}

/** Loads one server for `seconds`; returns requests/s and the server's CPU µs per request. */
async function load(server, seconds) {
  const cpu0 = await server.cpu()
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds })
  const cpu = (await server.cpu()) - cpu0
  if (result.errors > 0 || result.timeouts > 0 || result['5xx'] !== result.requests.total) {
    throw new Error(
      `bench: ${server.url} gave errors or non-5xx answers: ${JSON.stringify(result.statusCodeStats)}`,
    )
  }
  return { rps: result.requests.total / result.duration, cpu: cpu / result.requests.total }
}

const rows = []
const targets = []
for (const framework of ['express', 'fastify', 'hono']) {
  const servers = await Promise.all(VARIANTS.map((variant) => start(framework, variant)))
  try {
    for (const server of servers) await load(server, WARMUP_SECONDS)
    const runs = servers.map(() => [])
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < servers.length; k++) {
        const i = (round + k) % servers.length
        runs[i][round] = await load(servers[i], SECONDS)
      }
    }
    const [a, f, b] = runs.map((list) => ({
      rps: median(list.map((r) => r.rps)),
      cpu: median(list.map((r) => r.cpu)),
      range: `${Math.round(Math.min(...list.map((r) => r.rps)))}–${Math.round(Math.max(...list.map((r) => r.rps)))}`,
    }))
    const paired = (x, y) => runs[x].map((r, round) => r.rps / runs[y][round].rps)
    const span = (list) =>
      `${median(list).toFixed(2)}× (${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)})`
    const ba = paired(2, 0)
    rows.push([
      `${framework} ${versions[framework]}`,
      `${Math.round(a.rps)} (${a.range})`,
      `${Math.round(f.rps)} (${f.range})`,
      `${Math.round(b.rps)} (${b.range})`,
      span(ba),
      span(paired(2, 1)),
      `${a.cpu.toFixed(1)} / ${f.cpu.toFixed(1)} / ${b.cpu.toFixed(1)}`,
    ])
    // A verdict whose rounds fall on both sides of the target is marked as such.
    const noisy =
      Math.min(...ba) < TARGET && Math.max(...ba) >= TARGET ? ' — rounds on both sides of 0.95, noisy' : ''
    targets.push(
      verdict(
        median(ba) >= TARGET,
        `${framework}: the adapter's error path at ≥ 0.95× the default handler's requests/s: ${span(ba)}${noisy}`,
      ),
    )
  } finally {
    for (const server of servers) server.stop()
  }
}

console.log(
  `### Error path end to end (req/s, median (min–max) of ${ROUNDS} rounds × ${SECONDS} s per server, ${CONNECTIONS} connections; ratios: median (min–max) of per-round ratios)\n`,
)
printTable(
  [
    'framework',
    'A: default handler',
    'F: fixed, same response',
    'B: http-triage',
    'B / A',
    'B / F',
    'server CPU µs/req A / F / B',
  ],
  rows,
)
console.log(targets.join('\n'))
console.log()
process.send?.({ targets })
