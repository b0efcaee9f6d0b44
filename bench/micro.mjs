// Micro benchmarks: what classify (and classify + serialize) costs per error, beside the peers'
// nearest equivalents and the floor, `new Error('x')`, in one process.
// Run after `npm run build`: node --expose-gc bench/micro.mjs

import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import createError from 'http-errors'
import { classify, createResponder, createSerializer } from 'http-triage'
import { openTelemetry } from 'http-triage/otel'
import { do_not_optimize, measure } from 'mitata'
import { causeChain, fresh, makeFixtures } from './fixtures.mjs'
import { boom, finalhandler, httpErrors } from './peers.mjs'
import { ns, printTable, ratio, verdict } from './table.mjs'

// mitata times batches of 1024 calls; a cell is the median batch mean over ≥ 100 ms of calls or
// 150 batches, whichever comes first (the cap bounds the untimed copying for the fastest cells).
const MEASURE = { min_cpu_time: 100e6, batch_samples: 1024, max_samples: 150 }
// Every cell is measured in ROUNDS passes over the whole matrix; the lower median is kept, so a
// burst of load from another process on this 2-core machine does not land on one contender only.
const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? 2)
const FLAT = 1.25 // "flat": the larger input costs at most 25 % more, noise included
// Message sizes: the brief's 1 KB and 1 MB, and 8 KB, under the 16,383 characters past which V8
// hashes a string by its length alone (so a cost that grows with length shows there, not at 1 MB).
const SIZES = [
  ['1 KB', 'a'.repeat(1024)],
  ['8 KB', 'a'.repeat(8 * 1024)],
  ['1 MB', 'a'.repeat(1024 * 1024)],
]

const toBody = createSerializer() // once, as the adapters do
const respond = createResponder({ log: false }) // all an adapter does but write: + request id + JSON text
// The report hook of http-triage/otel, with no SDK registered (the API's no-ops), and with a real
// meter provider counting every error (no span is active here: the span work is not timed).
class Reader extends MetricReader {
  async onForceFlush() {}
  async onShutdown() {}
}
const withHookNoSdk = createResponder({ log: false, report: openTelemetry() })
const withHookMeter = createResponder({
  log: false,
  report: openTelemetry({ meterProvider: new MeterProvider({ readers: [new Reader()] }) }),
})
// Adapters pass the request id they resolved; making one is measured on its own line.
const REQUEST_ID = '01JD3W9Q0X7M2X4C5V6B7N8M9P'
const withId = { requestId: REQUEST_ID }

// Ours do not mutate the thrown value, so they are given the value itself, as a server is: a
// real error object, not a property-by-property copy (which V8 keeps in slower dictionary mode).
// The peers that mutate (createError, Boom.boomify) get a fresh copy per call.
const contenders = [
  ['classify', (e) => classify(e), 'same'],
  ['classify+serialize', (e) => toBody(e, withId), 'same'],
  ['classify+serialize, id made', (e) => toBody(e), 'same'],
  ['respond (adapter core)', (e) => respond(e), 'same'],
  ['respond + openTelemetry(), no SDK', (e) => withHookNoSdk(e, { method: 'GET', route: '/x' }), 'same'],
  ['respond + openTelemetry(), SDK meter', (e) => withHookMeter(e, { method: 'GET', route: '/x' }), 'same'],
  ['http-errors createError', httpErrors],
  ['Boom.boomify', boom],
  ['finalhandler logic', (e) => finalhandler(e)],
]

const jobs = new Map()
/** Registers a cell: the time of one call of `run` on a fresh copy of `value` (copied outside the timed region). */
function cell(key, run, value, copy = fresh, options = MEASURE) {
  jobs.set(key, { run, value, copy, options, best: Number.POSITIVE_INFINITY })
}
async function measureAll() {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, job] of jobs) {
      const begun = performance.now()
      const stats = await measure(function* () {
        yield { 0: () => job.copy(job.value), bench: (arg) => do_not_optimize(job.run(arg)) }
      }, job.options)
      job.best = Math.min(job.best, stats.p50)
      if (process.env.BENCH_DEBUG)
        console.error(key, ns(stats.p50), `${(performance.now() - begun).toFixed(0)} ms`)
    }
  }
}
const t = (key) => jobs.get(key).best

const fixtures = await makeFixtures()

// What each one answers, checked before anything is timed: a row whose status is not the one the
// design gives is marked, since its time would not be that of the real classification.
const answers = []
for (const { label, value, expect } of fixtures) {
  const c = classify(value)
  answers.push([
    label,
    `${c.status} ${c.code}${c.status === expect ? '' : ` (EXPECTED ${expect})`}`,
    c.rule,
    httpErrors(fresh(value)).status,
    boom(fresh(value)).output.statusCode,
    finalhandler(fresh(value)).status,
  ])
}

// Warm every path on every kind first, so that no contender is timed while still monomorphic.
for (let i = 0; i < 3000; i++) {
  for (const { value } of fixtures) for (const [, run] of contenders) do_not_optimize(run(fresh(value)))
}

cell('harness', (e) => e, fixtures[0].value)
cell(
  'floor',
  (message) => new Error(message),
  'x',
  (m) => m,
)
const same = (value) => value // classify does not mutate: no copy needed
for (const [c, [, run, copy]] of contenders.entries()) {
  for (const [f, { value }] of fixtures.entries())
    cell(`mix ${f} ${c}`, run, value, copy === 'same' ? same : fresh)
}
const lengthKinds = [
  ['harness only (the Error is made, nothing runs)', (e) => e, (m) => new Error(m)],
  ['Error (fallback), classify', classify, (m) => new Error(m)],
  ['TypeError (the fetch rule reads it), classify', classify, (m) => new TypeError(m)],
  ['http-errors 400 (message exposed), classify+serialize', toBody, (m) => createError(400, m)],
]
// Three forms of message: the same string on every call (its flat copy and hash are then made once
// and cached by V8), a new flat string per error (as native code makes them), and a new string
// built by concatenation per error (`${prefix}${detail}`, how most application code makes one;
// V8 keeps it as a rope that any regex, slice or property-key use must first flatten). The new
// strings are made outside the timed region; a rule that scans or hashes the message pays.
let serial = 0
const decoder = new TextDecoder()
const encoder = new TextEncoder()
const messageForms = [
  ['same string', (body) => () => body],
  ['new flat string', (body) => () => decoder.decode(encoder.encode(`request ${serial++} failed: ${body}`))],
  ['new concatenated string', (body) => () => `request ${serial++} failed: ${body}`],
]
const LENGTH = { min_cpu_time: 60e6, batch_samples: 16, max_samples: 40 }
for (const [name, run, make] of lengthKinds) {
  for (const [form, source] of messageForms) {
    for (const [size, body] of SIZES) {
      const message = source(body)
      cell(`len ${name} ${form} ${size}`, run, undefined, () => make(message()), LENGTH)
    }
  }
}
const depths = [10, 100, 10_000]
for (const depth of depths) cell(`depth ${depth}`, classify, causeChain(depth, new Error('root')), same)

await measureAll()
const floor = t('floor')

console.log('### What each one answers (status)\n')
printTable(['error', 'http-triage', 'rule', 'createError', 'boomify', 'finalhandler'], answers)

console.log(`### Cost per error (ns/op; × = ratio to \`new Error('x')\` = ${ns(floor)})\n`)
const show = (time) => `${ns(time)} (${ratio(time / floor)})`
const rows = fixtures.map(({ label }, f) => [label, ...contenders.map((_, c) => show(t(`mix ${f} ${c}`)))])
const means = contenders.map(
  (_, c) => fixtures.reduce((sum, _f, f) => sum + t(`mix ${f} ${c}`), 0) / fixtures.length,
)
rows.push(['**mean of the mix**', ...means.map(show)])
printTable(['error', ...contenders.map(([name]) => name)], rows)
console.log(
  `Harness (fresh copy made outside the timed region + a call of the identity): ${ns(t('harness'))}.\n`,
)

console.log(
  '### classify against message length (ns/op; ratio: the larger sizes against 1 KB, time above the harness)\n',
)
const lengthRows = []
const lengthRatios = []
const [harnessKind] = lengthKinds
for (const [name] of lengthKinds) {
  for (const [form] of messageForms) {
    const times = SIZES.map(([size]) => t(`len ${name} ${form} ${size}`))
    // Above the harness: making large strings brings some GC work into the timed region.
    const net = SIZES.map(([size], i) => Math.max(times[i] - t(`len ${harnessKind[0]} ${form} ${size}`), 1))
    const worst = Math.max(...net.slice(1)) / net[0]
    if (name !== harnessKind[0]) lengthRatios.push({ name, form, ratio: worst })
    lengthRows.push([`${name}; ${form}`, ...times.map(ns), name === harnessKind[0] ? '—' : ratio(worst)])
  }
}
printTable(['thrown value; message', ...SIZES.map(([size]) => size), 'ratio'], lengthRows)

console.log(
  '### classify against cause depth (ns/op; unrecognised wrappers around `new Error`; the walk caps at 16)\n',
)
const depthTimes = depths.map((depth) => t(`depth ${depth}`))
printTable(
  ['cause depth', ...depths.map((d) => d.toLocaleString('en'))],
  [
    ['classify', ...depthTimes.map(ns)],
    ['ratio to depth 10', ...depthTimes.map((time) => ratio(time / depthTimes[0]))],
  ],
)

// Targets (issue: the rebuilt classifier): classify+serialize with an id given, on the mix, on a
// plain Error, and on the 5-deep chain, against `new Error('x')`.
const serializeCell = (label) => t(`mix ${fixtures.findIndex((f) => f.label === label)} 1`)
const mixMean = means[1]
const depthRatio = depthTimes[2] / depthTimes[1]
const targets = [
  verdict(
    mixMean / floor <= 0.1,
    `classify+serialize (id given), mean of the mix ≤ 0.10× new Error('x'): ${ratio(mixMean / floor)}`,
  ),
  verdict(
    serializeCell('plain Error') / floor <= 0.08,
    `classify+serialize (id given), plain Error ≤ 0.08×: ${ratio(serializeCell('plain Error') / floor)}`,
  ),
  verdict(
    serializeCell('5-deep chain → pg 23505') / floor <= 0.4,
    `classify+serialize (id given), 5-deep chain ≤ 0.40×: ${ratio(serializeCell('5-deep chain → pg 23505') / floor)}`,
  ),
  ...messageForms.map(([form]) => {
    const worstLength = lengthRatios
      .filter((r) => r.form === form)
      .reduce((a, b) => (b.ratio > a.ratio ? b : a))
    return verdict(
      worstLength.ratio <= FLAT,
      `classify flat in message length (${form}): 8 KB or 1 MB against 1 KB, at most ${ratio(worstLength.ratio)} (${worstLength.name}; limit ${ratio(FLAT)})`,
    )
  }),
  verdict(
    depthRatio <= FLAT,
    `classify flat beyond the cause-depth cap: depth 10,000 / depth 100 = ${ratio(depthRatio)} (limit ${ratio(FLAT)}; depth 100 / depth 10 = ${ratio(depthTimes[1] / depthTimes[0])}, below the cap)`,
  ),
]
console.log(targets.join('\n'))
console.log()
process.send?.({ targets })
