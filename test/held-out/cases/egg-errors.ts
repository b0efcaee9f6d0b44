import {
  BadRequestError,
  EggError,
  ForbiddenError,
  FrameworkBaseError,
  HttpError,
  MethodNotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from 'egg-errors'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'

const library = 'egg-errors'

/** A plugin's framework error, the way egg plugins declare theirs (code `<module>_<serial>`). */
class PaymentPluginError extends FrameworkBaseError {
  override get module() {
    return 'payment'
  }
}

// A cart service whose handlers and middleware throw egg-errors (status, code, headers).
export const collect: Collect = async () => {
  const carts = new Map([['c-1', { id: 'c-1', owner: 'ann', items: [] as string[] }]])
  const pluginConfig: { apiKey?: string } = {}
  let inventoryUp = true
  let budget = Number.POSITIVE_INFINITY
  const app = await serveApp({
    middleware: [
      ({ headers }) => {
        if (headers.authorization === 'Bearer expired')
          throw new HttpError({
            status: 401,
            code: 'INVALID_TOKEN',
            message: 'Access token expired',
            headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
          })
        if (--budget < 0)
          throw new HttpError({
            status: 429,
            code: 'RATE_LIMITED',
            message: 'Too many cart updates',
            headers: { 'Retry-After': '60' },
          })
      },
    ],
    routes: {
      'GET /carts/:id': ({ params, headers }) => {
        const cart = carts.get(params.id ?? '')
        if (!cart) throw new NotFoundError(`Cart ${params.id} not found`)
        if (headers['x-user'] !== cart.owner) throw new ForbiddenError('This cart belongs to someone else')
        return cart
      },
      'PATCH /carts/:id': ({ body }) => {
        let patch: { add?: unknown }
        try {
          patch = JSON.parse(body)
        } catch (error) {
          throw BadRequestError.from(error as Error)
        }
        if (!Array.isArray(patch.add)) throw new UnprocessableEntityError('"add" must be a list of SKUs')
        if (!inventoryUp) throw new ServiceUnavailableError('Inventory service is unavailable')
        return patch
      },
      'DELETE /carts/:id': () => {
        throw new MethodNotAllowedError('Carts expire on their own')
      },
      'GET /carts/:id/checkout': () => {
        // Sends the browser to the payment page by throwing a 302 HttpError.
        throw new HttpError({ status: 302, code: 'REDIRECT', message: 'Continue at /pay' })
      },
      'POST /carts/:id/checkout': () => {
        if (!pluginConfig.apiKey)
          throw PaymentPluginError.create('config.payment.apiKey is required', 1, 'plugin payment')
        return null
      },
      'GET /carts/:id/coupons': () => {
        throw new EggError('coupon rules were not loaded')
      },
    },
  })
  const ann = { headers: { 'x-user': 'ann' } }
  const patch = (body: string): RequestInit => ({ method: 'PATCH', body })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /carts/c-9: handler threw NotFoundError (status 404, code NOT_FOUND)',
      why: 'errors that carry a status: 404',
      expect: { status: 404 },
      error: await app.rejection('/carts/c-9', ann),
    })
    cases.push({
      library,
      what: 'GET /carts/c-1 with an expired token: middleware threw HttpError { status 401, code INVALID_TOKEN, headers WWW-Authenticate }',
      why: 'errors that carry a status: 401, with the challenge the error carries',
      expect: { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      error: await app.rejection('/carts/c-1', { headers: { authorization: 'Bearer expired' } }),
    })
    cases.push({
      library,
      what: 'PATCH /carts/c-1 with a broken JSON body: handler threw BadRequestError.from(SyntaxError) (status 400, message and stack of the SyntaxError)',
      why: 'errors that carry a status: 400',
      expect: { status: 400 },
      error: await app.rejection('/carts/c-1', patch('{"add": [')),
    })
    cases.push({
      library,
      what: 'PATCH /carts/c-1 with {"add": "sku-1"}: handler threw UnprocessableEntityError (status 422)',
      why: 'errors that carry a status: 422',
      expect: { status: 422 },
      error: await app.rejection('/carts/c-1', patch('{"add":"sku-1"}')),
    })
    cases.push({
      library,
      what: 'GET /carts/c-1/checkout: handler threw new HttpError({ status: 302, code: "REDIRECT" })',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await app.rejection('/carts/c-1/checkout'),
    })
    cases.push({
      library,
      what: 'POST /carts/c-1/checkout without the plugin API key: PaymentPluginError.create (FrameworkBaseError, code payment_1, formatted message)',
      why: 'our misconfiguration, no status: 500',
      expect: { status: 500 },
      error: await app.rejection('/carts/c-1/checkout', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'GET /carts/c-1/coupons: handler threw EggError "coupon rules were not loaded" (code EGG_ERROR, no status)',
      why: 'everything else: our bug, 500',
      expect: { status: 500 },
      error: await app.rejection('/carts/c-1/coupons'),
    })
    inventoryUp = false
    cases.push({
      library,
      what: 'PATCH /carts/c-1 while inventory is down: handler threw ServiceUnavailableError (status 503)',
      why: 'errors that carry a status: 503 (retryable)',
      expect: { status: 503, retryable: true },
      error: await app.rejection('/carts/c-1', patch('{"add":["sku-1"]}')),
    })
    budget = 0
    cases.push({
      library,
      what: 'request over the budget: middleware threw HttpError { status 429, code RATE_LIMITED, headers Retry-After 60 }',
      why: 'errors that carry a status: 429, with the Retry-After the error carries',
      expect: { status: 429, headers: { 'retry-after': '60' } },
      error: await app.rejection('/carts/c-1', ann),
    })
  } finally {
    await app.close()
  }
  return cases
}
