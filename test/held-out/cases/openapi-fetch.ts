import createClient, { type Middleware } from 'openapi-fetch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, replyFor } from './support/client-matrix.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'openapi-fetch'
const settings =
  'createClient<paths>({ baseUrl }) over global fetch; openapi-fetch returns { error } for non-2xx answers (no throw) and has no timeout or retries of its own'

type Json = Record<string, unknown>

/** What openapi-typescript would generate for the orders API (one operation). */
interface paths {
  '/v1/orders/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never }
    get: {
      parameters: {
        query?: { expand?: string; filter?: Json }
        header?: never
        path: { id: string }
        cookie?: never
      }
      requestBody?: never
      responses: {
        200: { headers: Json; content: { 'application/json': { id: string; total: number } } }
        default: {
          headers: Json
          content: { 'application/json': { error: { code: string; message: string } } }
        }
      }
    }
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = createClient<paths>({ baseUrl: up.url, headers: { authorization: 'Bearer sk_test_orders' } })
  const getOrder = (signal?: AbortSignal) =>
    api.GET('/v1/orders/{id}', { params: { path: { id: 'ord_42' } }, ...(signal ? { signal } : {}) })
  const cases: HeldOutCase[] = []
  try {
    up.reply(replyFor('html'))
    let error = await rejectionOf(() => getOrder())
    cases.push({
      library,
      what: `upstream answered 200 with an HTML login page; openapi-fetch parsed the 200 body as JSON (${describe(error)}); ${settings}`,
      why: 'upstream answered badly (not the protocol): 502',
      expect: RESET,
      error,
    })

    up.reply('reset')
    error = await rejectionOf(() => getOrder())
    cases.push({
      library,
      what: `upstream reset the connection (TCP RST) after reading the request (${describe(error)}); ${settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(() => getOrder(AbortSignal.timeout(250)))
    cases.push({
      library,
      what: `our 250 ms AbortSignal.timeout (passed as signal, openapi-fetch has no timeout option) fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    const down = createClient<paths>({ baseUrl: `http://127.0.0.1:${port}` })
    error = await rejectionOf(() => down.GET('/v1/orders/{id}', { params: { path: { id: 'ord_42' } } }))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: a nested object in a query parameter, which the default serializer refuses.
    up.reply({ status: 200, body: { id: 'ord_42', total: 10 } })
    error = await rejectionOf(() =>
      api.GET('/v1/orders/{id}', {
        params: { path: { id: 'ord_42' }, query: { filter: { status: { in: ['open'] } } } },
      }),
    )
    cases.push({
      library,
      what: `our code passed a nested object as a query parameter, which the default querySerializer refuses (${describe(error)})`,
      why: 'our own bug, no call was made: 500',
      expect: { status: 500 },
      error,
    })

    // Our bug: a logging middleware whose onResponse returns the parsed body instead of a Response.
    const logged = createClient<paths>({ baseUrl: up.url })
    const badMiddleware: Middleware = {
      async onResponse({ response }) {
        return (await response.clone().json()) as Response
      },
    }
    logged.use(badMiddleware)
    error = await rejectionOf(() => logged.GET('/v1/orders/{id}', { params: { path: { id: 'ord_42' } } }))
    cases.push({
      library,
      what: `our middleware's onResponse returned a plain object instead of a Response (${describe(error)})`,
      why: 'our own bug: 500',
      expect: { status: 500 },
      error,
    })

    // Our misconfiguration: no baseUrl, so the Request got a relative URL.
    const unconfigured = createClient<paths>({})
    error = await rejectionOf(() =>
      unconfigured.GET('/v1/orders/{id}', { params: { path: { id: 'ord_42' } } }),
    )
    cases.push({
      library,
      what: `our client had no baseUrl, so the Request got the relative URL "/v1/orders/ord_42" (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
