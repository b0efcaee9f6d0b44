import type { IncomingMessage } from 'node:http'
import hyperquest from 'hyperquest'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe } from './support/client-matrix.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'hyperquest'
const settings =
  'hyperquest streaming GET (no pooling agent); it hands every status back without an error, never retries, and its timeout option only sets the socket timeout without failing the call, so no timeout case'

/** A GET through hyperquest's callback, as an app would wrap it. */
function fetchOrder(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    hyperquest(url, { headers: { authorization: 'Bearer sk_test_orders' } }, (err, res) =>
      err || res === undefined ? reject(err) : resolve(res),
    )
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const url = `${up.url}/v1/orders/ord_42`
  const cases: HeldOutCase[] = []
  try {
    up.reply('reset')
    let error = await rejectionOf(() => fetchOrder(url))
    cases.push({
      library,
      what: `upstream reset the connection (TCP RST) after reading the request (${describe(error)}); ${settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })

    up.reply('garbage')
    error = await rejectionOf(() => fetchOrder(url))
    cases.push({
      library,
      what: `upstream answered bytes that are not HTTP, then closed (${describe(error)}); ${settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })

    const port = await closedPort()
    error = await rejectionOf(() => fetchOrder(`http://127.0.0.1:${port}/v1/orders/ord_42`))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: setting a header after hyperquest already sent the request (on the next tick).
    up.reply({ status: 200, body: { id: 'ord_42' } })
    const req = hyperquest(url)
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve)
      req.on('error', reject)
    })
    res.resume()
    error = await rejectionOf(() => req.setHeader('x-request-id', 'req_1'))
    cases.push({
      library,
      what: `our code set a header on a hyperquest request after it was sent (${describe(error)})`,
      why: 'our own bug: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
