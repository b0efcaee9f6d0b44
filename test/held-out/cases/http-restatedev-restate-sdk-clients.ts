import * as clients from '@restatedev/restate-sdk-clients'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@restatedev/restate-sdk-clients'

const checkout = { name: 'checkout' } as const
/** The service's client as our server calls it (the handler's own types live in the service's code base). */
type Checkout = { process(order: unknown, opts?: clients.Opts<unknown, unknown>): Promise<unknown> }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const ingress = (url: string) =>
    clients.connect({ url, headers: { authorization: 'Bearer not-a-real-restate-key' } })
  const rs = ingress(up.url)
  const service = (c: clients.Ingress) => c.serviceClient(checkout) as unknown as Checkout
  const call = (c = rs, opts?: clients.Opts<unknown, unknown>) =>
    opts === undefined
      ? service(c).process({ orderId: 'ord_1', amount: 1299 })
      : service(c).process({ orderId: 'ord_1', amount: 1299 }, opts)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; retries off (the default)')
  try {
    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { message: 'Unauthorized' } })
    add(
      'Restate ingress answered 401 to our API key (HttpCallError: status and responseText)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => call()),
      401,
    )

    up.reply({
      status: 404,
      body: {
        code: '404',
        message:
          "Service 'checkout' not found. Check whether the deployment containing the service is registered.",
      },
    })
    add(
      'Restate ingress answered 404: the service our server calls is not registered',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => call()),
      404,
    )

    up.reply({
      status: 400,
      body: { code: '400', message: 'Cannot decode the request body: expected value at line 1 column 1' },
    })
    add(
      'Restate ingress answered 400: it could not decode the request body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => call()),
      400,
    )

    up.reply({
      status: 500,
      body: { code: 500, message: "TypeError: Cannot read properties of undefined (reading 'sku')" },
    })
    add(
      'Restate ingress answered 500: the handler of the invoked service failed terminally',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => call()),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { code: '503', message: 'Service unavailable, the cluster is starting' },
    })
    add(
      'Restate ingress answered 503 with Retry-After: 7; HttpCallError keeps no headers',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => call()),
      503,
    )

    up.reply('hang')
    add(
      'the per-call timeout of 250 ms (Opts timeout, an AbortSignal.timeout) fired on an ingress that never answers',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => call(rs, clients.Opts.from({ timeout: 250 }))),
    )

    up.reply('reset')
    add(
      'Restate ingress reset the connection (the raw fetch failure)',
      WHY.reset,
      RESET,
      await rejectionOf(() => call()),
    )

    const refused = ingress(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (the raw fetch failure)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => call(refused)),
    )

    add(
      'a call given both a signal and a timeout: the client refuses the options',
      'our own misuse of the client: 500',
      { status: 500 },
      await rejectionOf(() =>
        call(rs, clients.Opts.from({ timeout: 1000, signal: new AbortController().signal })),
      ),
    )

    up.reply({ status: 200, body: { receipt: 'r_1' } })
    add(
      'the order payload our server built holds a BigInt: the default JSON serde throws before sending',
      'an event payload our code built wrong: 500',
      { status: 500 },
      await rejectionOf(() => service(rs).process({ orderId: 'ord_1', amount: 1299n })),
    )
    return cases
  } finally {
    await up.close()
  }
}
