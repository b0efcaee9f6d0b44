import { RestClient } from 'typed-rest-client/RestClient.js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runScenarios } from './support/client-matrix.js'
import { REFUSED, TIMED_OUT, UPSTREAM_5XX, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'typed-rest-client'
const settings =
  'RestClient with a base URL, socketTimeout 250 ms, allowRetries false (its default); its Error carries statusCode, result and responseHeaders, and the upstream body (or its message field) as its message'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = new RestClient('orders-app/1.0', up.url, [], { socketTimeout: 250, allowRetries: false })
  const getOrder = () => client.get<{ id: string }>('/v1/orders/ord_42')
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runScenarios({
        library,
        up,
        call: getOrder,
        scenarios: [401, 429, 500, 503, 504, 'reset'],
        keepsRetryAfter: true,
        settings,
      })),
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    })
    let error = await rejectionOf(getOrder)
    cases.push({
      library,
      what: `upstream's nginx answered 502 with an HTML page, which became the Error's message (${describe(error)}); ${settings}`,
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(getOrder)
    cases.push({
      library,
      what: `typed-rest-client's own 250 ms socket timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    const down = new RestClient('orders-app/1.0', `http://127.0.0.1:${port}`, [], { socketTimeout: 250 })
    error = await rejectionOf(() => down.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: a request on a client that our shutdown path already disposed.
    const disposed = new RestClient('orders-app/1.0', up.url, [], { socketTimeout: 250 })
    disposed.client.dispose()
    error = await rejectionOf(() => disposed.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `our code used a client it had already disposed (${describe(error)})`,
      why: 'our own bug, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
