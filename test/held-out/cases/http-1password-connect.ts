import { OnePasswordConnect } from '@1password/connect'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@1password/connect'

const VAULT = 'v5pz6venw4roosmkzdq2nhpv6u'
const ITEM = 'k7cx3sdqrmhl4bhm2yxmxrjsbq'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries; an axios interceptor rejects with the response body when there is one.
  const connect = (serverURL: string, timeout = 2000) =>
    OnePasswordConnect({ serverURL, token: 'not-a-real-connect-token', keepAlive: false, timeout })
  const client = connect(up.url)
  const getItem = (c = client) => c.getItem(VAULT, ITEM)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({ status: 401, body: { status: 401, message: 'Invalid token signature' } })
    add(
      'secrets server answered 401 "Invalid token signature" to our Connect token; the client rejects with the response body, a plain { status, message } object',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getItem()),
      401,
    )

    up.reply({ status: 404, body: { status: 404, message: `item ${ITEM} not found` } })
    add(
      'secrets server answered 404 "item … not found" for the item id our server is configured with (plain body object rejected)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getItem()),
      404,
    )

    up.reply({ status: 200, body: [] })
    add(
      'secrets server answered 200 with an empty list for the item title our server is configured with; the client rejects with its own { status: 404, message: "No Items found with title" } object',
      "a secret our server needs is missing: our misconfiguration, not the client's missing resource: 500",
      { status: 500 },
      await rejectionOf(() => client.getItemByTitle(VAULT, 'payments-api')),
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { status: 429, message: 'Too many requests. Please try again later.' },
    })
    add(
      'secrets server answered 429 with Retry-After: 7; the rejected body object has no headers, so the wait is lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => getItem()),
      429,
    )

    up.reply({ status: 500, body: { status: 500, message: 'failed to initiate, review service logs' } })
    add(
      'secrets server answered 500 "failed to initiate, review service logs" (plain body object rejected)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getItem()),
      500,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    })
    add(
      'the reverse proxy in front of the secrets server answered 502 with its HTML page; the client rejects with that page, a bare string',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getItem()),
      502,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout fired on a secrets server that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getItem(connect(up.url, 250))),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getItem(refused)),
    )

    add(
      'the client was built without a token (the environment variable was empty); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => OnePasswordConnect({ serverURL: up.url, token: '' })),
    )
    return cases
  } finally {
    await up.close()
  }
}
