import needle from 'needle'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'needle'

// needle resolves with any HTTP status (it never rejects on 4xx/5xx), so its errors are the
// transport's: refusals, its own timeouts, resets. It has no retries. (Its response_timeout is left
// out: needle aborts the request and rejects with a bare `socket hang up` ECONNRESET that carries
// no trace of the timeout.)
export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    up.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"items":[')
    })
    cases.push({
      library,
      what: "needle's own 250 ms read_timeout fired while the upstream stalled mid-body",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => needle('get', `${up.url}/feed`, null, { read_timeout: 250 })),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after our request (ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => needle('post', `${up.url}/feed`, { a: 1 }, { json: true })),
    })

    up.reply('garbage')
    cases.push({
      library,
      what: 'the upstream answered bytes that are not HTTP (HPE parse error)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => needle('get', `${up.url}/feed`)),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => needle('get', `http://127.0.0.1:${port}/feed`)),
    })
    return cases
  } finally {
    await up.close()
  }
}
