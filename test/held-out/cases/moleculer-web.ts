import type { AddressInfo } from 'node:net'
import { ServiceBroker } from 'moleculer'
import ApiGateway from 'moleculer-web'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'moleculer-web'

// An API gateway service on 127.0.0.1 in one in-process broker (no transporter). Its global
// `onError` setting (the application's error handler) keeps every error the gateway hands it.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const { Errors: WebErrors } = ApiGateway
  const broker = new ServiceBroker({ nodeID: 'gw-test', logger: false })
  broker.createService({
    name: 'orders',
    actions: {
      get(ctx: any) {
        if (ctx.params.id === 'o-404') throw new WebErrors.NotFoundError('ORDER_NOT_FOUND', { id: 'o-404' })
        return { id: ctx.params.id }
      },
      pay(ctx: any) {
        if (ctx.params.id === 'o-big')
          // Present at run time, missing from the shipped typings.
          throw new (WebErrors as any).PayloadTooLarge({ limit: 1024, length: 4096 })
        throw new WebErrors.BadRequestError('ALREADY_PAID', { id: ctx.params.id })
      },
      export() {
        throw new Error('cannot read properties of undefined (reading "rows")')
      },
      admin() {
        return { ok: true }
      },
    },
  })
  const gateway = broker.createService({
    name: 'api',
    mixins: [ApiGateway],
    settings: {
      port: 0,
      ip: '127.0.0.1',
      logRequest: null,
      logResponse: null,
      log4XXResponses: false,
      onError(_req: any, res: any, err: unknown) {
        errors.push(err)
        res.writeHead(599)
        res.end()
      },
      routes: [
        {
          path: '/api',
          authentication: true,
          authorization: true,
          cors: { origin: ['https://app.example.test'] },
          rateLimit: { window: 60_000, limit: 2, headers: true, key: (req: any) => req.headers['x-client'] },
          aliases: {
            'GET orders/:id': 'orders.get',
            'POST orders/:id/pay': 'orders.pay',
            'GET orders-export': 'orders.export',
            'GET admin': 'orders.admin',
            'GET reports': 'reports.list',
          },
          mappingPolicy: 'restrict',
          bodyParsers: { json: true },
        },
      ],
    },
    methods: {
      authenticate(_ctx: any, _route: any, req: any) {
        const auth = req.headers.authorization as string | undefined
        if (!auth) throw new WebErrors.UnAuthorizedError(WebErrors.ERR_NO_TOKEN, null)
        if (auth !== 'Bearer good' && auth !== 'Bearer user')
          throw new WebErrors.UnAuthorizedError(WebErrors.ERR_INVALID_TOKEN, null)
        return { role: auth === 'Bearer good' ? 'admin' : 'user' }
      },
      authorize(ctx: any, _route: any, req: any) {
        if (req.$alias?.action === 'orders.admin' && ctx.meta.user?.role !== 'admin')
          throw new WebErrors.ForbiddenError('NOT_ADMIN', { role: ctx.meta.user?.role })
      },
    },
  })
  await broker.start()
  const base = `http://127.0.0.1:${((gateway as any).server.address() as AddressInfo).port}`
  const good = { authorization: 'Bearer good' }
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /nowhere: no route matches; the gateway hands NotFoundError("Not found", code 404, type NOT_FOUND)',
      why: 'errors that carry a status: route not found, 404',
      expect: { status: 404 },
      error: await rejection('/nowhere'),
    })
    cases.push({
      library,
      what: 'GET /api/orders/o-1 without Authorization: authenticate() threw UnAuthorizedError (code 401, type NO_TOKEN)',
      why: "auth failure of the client's credentials: 401 carried by the framework error",
      expect: { status: 401 },
      error: await rejection('/api/orders/o-1'),
    })
    cases.push({
      library,
      what: 'GET /api/orders/o-1 with a bad bearer token: UnAuthorizedError (code 401, type INVALID_TOKEN)',
      why: "auth failure of the client's credentials: 401",
      expect: { status: 401 },
      error: await rejection('/api/orders/o-1', { headers: { authorization: 'Bearer nope' } }),
    })
    cases.push({
      library,
      what: 'GET /api/admin as a plain user: authorize() threw ForbiddenError (code 403, type NOT_ADMIN)',
      why: 'errors that carry a status: 403',
      expect: { status: 403 },
      error: await rejection('/api/admin', { headers: { authorization: 'Bearer user' } }),
    })
    cases.push({
      library,
      what: 'GET /api/orders/o-1 from a disallowed Origin: CORS check threw ForbiddenError (code 403, type ORIGIN_NOT_ALLOWED)',
      why: 'errors that carry a status: 403',
      expect: { status: 403 },
      error: await rejection('/api/orders/o-1', {
        headers: { ...good, origin: 'https://evil.example.test' },
      }),
    })
    cases.push({
      library,
      what: 'GET /api/orders/o-404: action threw the gateway NotFoundError (code 404, type ORDER_NOT_FOUND)',
      why: "client's missing resource: 404 carried by the error",
      expect: { status: 404 },
      error: await rejection('/api/orders/o-404', { headers: good }),
    })
    cases.push({
      library,
      what: 'POST /api/orders/o-1/pay: action threw BadRequestError (code 400, type ALREADY_PAID)',
      why: 'errors that carry a status: 400',
      expect: { status: 400 },
      error: await rejection('/api/orders/o-1/pay', {
        method: 'POST',
        headers: { ...good, 'content-type': 'application/json' },
        body: '{}',
      }),
    })
    cases.push({
      library,
      what: 'POST /api/orders/o-big/pay: action threw PayloadTooLarge (code 413, type PAYLOAD_TOO_LARGE)',
      why: 'body too large: 413 carried by the error',
      expect: { status: 413 },
      error: await rejection('/api/orders/o-big/pay', {
        method: 'POST',
        headers: { ...good, 'content-type': 'application/json' },
        body: '{}',
      }),
    })
    cases.push({
      library,
      what: 'GET /api/orders-export: action threw a plain Error, passed through the broker to the gateway error handler',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/api/orders-export', { headers: good }),
    })
    cases.push({
      library,
      what: 'GET /api/reports: alias points at reports.list but no reports service is running; ServiceUnavailableError (code 503)',
      why: 'dependency unavailable (the backing service is not up): 503 carried by the error, retryable',
      expect: { status: 503, retryable: true },
      error: await rejection('/api/reports', { headers: good }),
    })
    await fetch(`${base}/api/orders/o-1`, { headers: { ...good, 'x-client': 'c1' } }).then((r) =>
      r.arrayBuffer(),
    )
    await fetch(`${base}/api/orders/o-1`, { headers: { ...good, 'x-client': 'c1' } }).then((r) =>
      r.arrayBuffer(),
    )
    cases.push({
      library,
      what: 'third GET /api/orders/o-1 within the window from one client key: RateLimitExceeded (code 429)',
      why: 'rate limiting of our client: 429 (the error keeps no wait, so no Retry-After expected)',
      expect: { status: 429 },
      error: await rejection('/api/orders/o-1', { headers: { ...good, 'x-client': 'c1' } }),
    })
  } finally {
    await broker.stop()
  }
  return cases
}
