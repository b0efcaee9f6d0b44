import fetch from 'make-fetch-happen'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'make-fetch-happen'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retry: false (make-fetch-happen retries network errors and 5xx twice by default).
  const api = fetch.defaults({ retry: false, timeout: 250, headers: { authorization: 'Bearer test' } })
  const getUser = async () => {
    const res = await api(`${up.url}/users/42`)
    return res.json()
  }
  const cases: HeldOutCase[] = []
  try {
    up.reply('hang')
    cases.push({
      library,
      what: 'the 250 ms timeout fired, the upstream never answered: FetchError request-timeout FETCH_ERROR',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getUser),
    })

    up.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '64' })
      res.write('{"id": 42, ')
    })
    cases.push({
      library,
      what: 'headers arrived, then the body stalled past the 250 ms timeout: FetchError code EIDLETIMEOUT',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getUser),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after the request: FetchError code ECONNRESET',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getUser),
    })

    up.reply('garbage')
    cases.push({
      library,
      what: 'the upstream answered bytes that are not HTTP: FetchError with an HPE_ parser code',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getUser),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port: FetchError code ECONNREFUSED',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => api(`http://127.0.0.1:${port}/health`)),
    })
    return cases
  } finally {
    await up.close()
  }
}
