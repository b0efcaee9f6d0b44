import type { IncomingMessage } from 'node:http'
import get from 'simple-get'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, replyFor } from './support/client-matrix.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'simple-get'
const settings =
  'simple-get concat with json: true and timeout 250 ms; simple-get hands every status back without an error and never retries'

/** simple-get's callback API as a promise, as an app would wrap it. */
type Options = Exclude<Parameters<typeof get.concat>[0], string>

function getJson(
  opts: Omit<Options, 'url'> & { url: string },
): Promise<{ res: IncomingMessage | undefined; data: unknown }> {
  return new Promise((resolve, reject) => {
    get.concat({ json: true, timeout: 250, ...opts }, (err, res, data) =>
      err ? reject(err) : resolve({ res, data }),
    )
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const url = `${up.url}/v1/orders/ord_42`
  const cases: HeldOutCase[] = []
  try {
    up.reply(replyFor('html'))
    let error = await rejectionOf(() => getJson({ url }))
    cases.push({
      library,
      what: `upstream answered 200 with an HTML login page; json: true failed to parse it (${describe(error)}); ${settings}`,
      why: 'upstream answered badly (not the protocol): 502',
      expect: RESET,
      error,
    })

    up.reply('reset')
    error = await rejectionOf(() => getJson({ url }))
    cases.push({
      library,
      what: `upstream reset the connection (TCP RST) after reading the request (${describe(error)}); ${settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })

    up.reply((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' })
      res.end()
    })
    error = await rejectionOf(() => getJson({ url, maxRedirects: 3 }))
    cases.push({
      library,
      what: `upstream answered an endless chain of 302 redirects (/a -> /b -> /a) until maxRedirects 3 ran out (${describe(error)}); ${settings}`,
      why: 'no row names a redirect loop; closest is upstream answered badly (not a usable answer): 502',
      expect: RESET,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(() => getJson({ url }))
    cases.push({
      library,
      what: `simple-get's own 250 ms timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    error = await rejectionOf(() => getJson({ url: `http://127.0.0.1:${port}/v1/orders/ord_42` }))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our misconfiguration: the API key was read from a file with its trailing newline.
    error = await rejectionOf(() => getJson({ url, headers: { authorization: 'Bearer sk_test_orders\n' } }))
    cases.push({
      library,
      what: `our API key was read from a file with its trailing newline, so the header value was refused before sending (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
