import { Counter, Gauge, Pushgateway, Registry } from 'prom-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'prom-client'

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const registry = new Registry()
  new Counter({ name: 'jobs_processed_total', help: 'Jobs processed', registers: [registry] }).inc(3)
  // The gateway client has no retries and no timeout unless the request options carry one.
  const gateway = (url: string, timeout?: number) =>
    new Pushgateway(url, timeout === undefined ? {} : { timeout }, registry)
  const client = gateway(up.url)
  const push = (g = client) => g.pushAdd({ jobName: 'nightly-export', groupings: { instance: 'worker-1' } })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({
      status: 400,
      headers: TEXT,
      body: 'pushed metrics are invalid or inconsistent with existing metrics: collected metric "jobs_processed_total" { label:<name:"instance" value:"worker-1" > label:<name:"job" value:"nightly-export" > counter:<value:3 > } was collected before with the same name and label values\n',
    })
    add(
      'metrics gateway answered 400 "pushed metrics are invalid or inconsistent with existing metrics"; the error is a plain Error whose message alone carries "push failed with status 400"',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => push()),
      400,
    )

    up.reply({
      status: 401,
      headers: { ...TEXT, 'www-authenticate': 'Basic realm="pushgateway"' },
      body: 'Unauthorized\n',
    })
    add(
      'metrics gateway behind basic auth answered 401 to our push (plain Error, status only in the message)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => push()),
      401,
    )

    up.reply({ status: 429, headers: { ...TEXT, ...RETRY_AFTER }, body: 'Too Many Requests\n' })
    add(
      'a proxy in front of the gateway answered 429 with Retry-After: 7; the plain Error keeps only status and body in its message',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => push()),
      429,
    )

    up.reply({
      status: 500,
      headers: TEXT,
      body: 'error writing metrics to persistence file: no space left on device\n',
    })
    add(
      'metrics gateway answered 500 (plain Error, status only in the message)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => push()),
      500,
    )

    up.reply({ status: 503, headers: { ...TEXT, ...RETRY_AFTER }, body: 'no healthy upstream' })
    add(
      'a proxy in front of the gateway answered 503 "no healthy upstream" with Retry-After: 7, which the plain Error drops',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => push()),
      503,
    )

    up.reply('reset')
    add('metrics gateway reset the connection (TCP RST)', WHY.reset, RESET, await rejectionOf(() => push()))

    up.reply('hang')
    add(
      'the request option timeout: 250 fired on a gateway that never answers; the client destroys the request with its own Error("Pushgateway request timed out")',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => push(gateway(up.url, 250))),
    )

    const refused = gateway(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => push(refused)),
    )

    const broken = new Registry()
    new Gauge({
      name: 'queue_depth',
      help: 'Queue depth',
      registers: [broken],
      collect() {
        throw new TypeError("Cannot read properties of undefined (reading 'length')")
      },
    })
    add(
      "a gauge's collect callback of ours threw while the registry serialised the push; the push rejects with that TypeError",
      'programmer error of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Pushgateway(up.url, {}, broken).pushAdd({ jobName: 'nightly-export' })),
    )
    return cases
  } finally {
    await up.close()
  }
}
