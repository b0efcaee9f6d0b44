import { request } from 'node:http'
import { retry } from '@lifeomic/attempt'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@lifeomic/attempt'

/** A POST with node:http, resolving with the body. */
function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks).toString()))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const closed = await closedPort()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; @lifeomic/attempt retry(), 3 attempts, delay 10 ms')
  const opts = { maxAttempts: 3, delay: 10, factor: 1 }
  try {
    add(
      'attempts exhausted: a fetch to a closed loopback port was refused 3 times; the last error is rethrown',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => retry(() => fetch(`http://127.0.0.1:${closed}/v1/events`), opts)),
    )

    up.reply((req) => req.socket.destroy())
    add(
      'attempts exhausted: the upstream closed the socket without an answer 3 times (node:http "socket hang up")',
      WHY.reset,
      RESET,
      await rejectionOf(() => retry(() => post(`${up.url}/v1/events`, '{"type":"signup"}'), opts)),
    )

    up.reply('hang')
    const controller = new AbortController()
    add(
      "attempt's own per-attempt timeout (250 ms, 1 attempt) fired on an " +
        'upstream that never answers (code ATTEMPT_TIMEOUT)',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() =>
        retry(() => fetch(`${up.url}/v1/events`, { signal: controller.signal }), {
          ...opts,
          maxAttempts: 1,
          timeout: 250,
        }),
      ),
    )
    controller.abort()

    add(
      'our shutdown hook aborted the retry loop in beforeAttempt (code ' +
        'ATTEMPT_ABORTED) while the client was still connected',
      'our own abort, no timeout reason: 500',
      { status: 500 },
      await rejectionOf(() =>
        retry(() => fetch(`${up.url}/v1/events`), {
          ...opts,
          beforeAttempt: (context) => context.abort(),
        }),
      ),
    )

    add(
      'the retry options of our configuration have maxAttempts 2.5 (from ' +
        'a bad environment value); attempt rejects them',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => retry(() => fetch(`${up.url}/v1/events`), { ...opts, maxAttempts: 2.5 })),
    )
    return cases
  } finally {
    await up.close()
  }
}
