import {
  BadRequest,
  Exception,
  Forbidden,
  InternalServerError,
  MethodNotAllowed,
  MovedTemporarily,
  NotFound,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
} from '@tsed/exceptions'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'

const library = '@tsed/exceptions'

// An orders API whose handlers and middleware throw Ts.ED exceptions (status, headers, origin).
export const collect: Collect = async () => {
  const orders = new Map([['o-1', { id: 'o-1', owner: 'ann', state: 'shipped' }]])
  let maintenance = false
  let requestsLeft = Number.POSITIVE_INFINITY
  const app = await serveApp({
    middleware: [
      (req) => {
        if (maintenance) throw new ServiceUnavailable('Down for maintenance').setHeader('Retry-After', 120)
        if (req.url.pathname.startsWith('/orders') && !req.headers.authorization)
          throw new Unauthorized('Missing bearer token').setHeader(
            'WWW-Authenticate',
            'Bearer realm="orders"',
          )
        if (--requestsLeft < 0) throw new TooManyRequests('Rate limit exceeded').setHeader('Retry-After', 30)
      },
    ],
    routes: {
      'GET /orders/:id': ({ params }) => {
        const order = orders.get(params.id ?? '')
        if (!order) throw new NotFound(`Order ${params.id} not found`)
        return order
      },
      'POST /orders': ({ body }) => {
        try {
          return JSON.parse(body)
        } catch (error) {
          throw new BadRequest('Invalid JSON body', error)
        }
      },
      'DELETE /orders/:id': ({ headers }) => {
        if (headers.authorization !== 'Bearer admin') throw new Forbidden('Only admins can cancel orders')
        return null
      },
      'PUT /orders/:id': () => {
        throw new MethodNotAllowed('Orders are immutable').setHeader('Allow', 'GET, DELETE')
      },
      'GET /v1/orders': () => {
        // A legacy route that "redirects" by throwing Ts.ED's 3xx exception class.
        throw new MovedTemporarily('/orders')
      },
      'GET /reports/daily': () => {
        // A status computed from a lookup table that has no entry: 600.
        const statusFor: Record<string, number> = { quota: 429 }
        throw new Exception(statusFor.missing ?? 600, 'Report not ready')
      },
      'POST /reports/daily': () => {
        const cause = new Error('EROFS: read-only file system, open /var/reports/daily.csv')
        throw new InternalServerError('Could not write the report', cause)
      },
    },
  })
  const auth = { headers: { authorization: 'Bearer ann' } }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /orders/o-9: handler threw NotFound (status 404, name NOT_FOUND) "Order o-9 not found"',
      why: 'errors that carry a status: 404',
      expect: { status: 404 },
      error: await app.rejection('/orders/o-9', auth),
    })
    cases.push({
      library,
      what: 'GET /orders/o-1 without Authorization: middleware threw Unauthorized (status 401) with headers { WWW-Authenticate: Bearer realm="orders" }',
      why: 'errors that carry a status: 401, with the challenge the error carries',
      expect: { status: 401, headers: { 'www-authenticate': 'Bearer realm="orders"' } },
      error: await app.rejection('/orders/o-1'),
    })
    cases.push({
      library,
      what: 'PUT /orders/o-1: handler threw MethodNotAllowed (status 405) with headers { Allow: GET, DELETE }',
      why: 'errors that carry a status: 405, with the Allow the error carries',
      expect: { status: 405, headers: { allow: 'GET, DELETE' } },
      error: await app.rejection('/orders/o-1', { ...auth, method: 'PUT', body: '{}' }),
    })
    cases.push({
      library,
      what: 'GET /v1/orders: legacy handler threw MovedTemporarily (status 302) as an exception',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await app.rejection('/v1/orders'),
    })
    cases.push({
      library,
      what: 'GET /reports/daily: handler threw new Exception(600, "Report not ready") (status 600, name EXCEPTION)',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await app.rejection('/reports/daily'),
    })
    cases.push({
      library,
      what: 'POST /reports/daily: handler threw InternalServerError (status 500) with an EROFS Error as origin',
      why: 'errors that carry a status: 500 the app chose',
      expect: { status: 500 },
      error: await app.rejection('/reports/daily', { method: 'POST' }),
    })
    requestsLeft = 0
    cases.push({
      library,
      what: 'request over the quota: middleware threw TooManyRequests (status 429) with headers { Retry-After: 30 }',
      why: 'errors that carry a status: 429, with the Retry-After the error carries',
      expect: { status: 429, headers: { 'retry-after': '30' } },
      error: await app.rejection('/orders/o-1', auth),
    })
    maintenance = true
    cases.push({
      library,
      what: 'request during maintenance: middleware threw ServiceUnavailable (status 503) with headers { Retry-After: 120 }',
      why: 'errors that carry a status: 503 (retryable), with the Retry-After the error carries',
      expect: { status: 503, retryable: true, headers: { 'retry-after': '120' } },
      error: await app.rejection('/orders/o-1', auth),
    })
  } finally {
    await app.close()
  }
  return cases
}
