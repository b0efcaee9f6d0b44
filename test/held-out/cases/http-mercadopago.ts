// mercadopago (Mercado Pago's payments SDK) against a scripted loopback upstream: our checkout
// endpoint creates a payment. Retries off (maxRetries: 0); the SDK has no base-URL option, so its
// static AppConfig.BASE_URL (the one the SDK's RestClient reads) is pointed at the loopback server.
import { MercadoPagoConfig, Payment } from 'mercadopago'
import { AppConfig } from 'mercadopago/dist/utils/config/index.js'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'mercadopago'
const settings = 'retries off (maxRetries: 0)'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  // BASE_URL is a `static readonly` in the SDK's typings, a plain static property at run time.
  const config = AppConfig as unknown as { BASE_URL: string }
  const original = config.BASE_URL
  try {
    const payments = (timeout = 5000): Payment =>
      new Payment(new MercadoPagoConfig({ accessToken: 'TEST-123', options: { timeout, maxRetries: 0 } }))
    const pay = (p: Payment) =>
      p.create({
        body: {
          transaction_amount: 100,
          token: 'card-token-1',
          installments: 1,
          payment_method_id: 'visa',
          payer: { email: 'ada@example.com' },
        },
        requestOptions: { idempotencyKey: 'order-42' },
      })
    const at = async <T>(base: string, run: () => T): Promise<Awaited<T>> => {
      config.BASE_URL = base
      try {
        return await run()
      } finally {
        config.BASE_URL = original
      }
    }
    const cases = await runMatrix({
      library,
      up,
      call: () => at(up.url, () => pay(payments())),
      refused: () => at(`http://127.0.0.1:${port}`, () => pay(payments())),
      timeout: () => at(up.url, () => pay(payments(250))),
      body: (status: number, message: string) => ({ message, error: 'bad_request', status, cause: [] }),
      conflict: [422, 'Unprocessable entity: payer.email is not a valid address'],
      keepsRetryAfter: { 429: true, 503: false },
      settings,
      // A non-JSON body is swallowed (`response.json().catch(() => ({}))`): a 200 page is a success.
      skipHtml: true,
    })
    {
      // The same idempotency key was reused for a different payment while the first was in flight.
      up.reply({
        status: 409,
        body: {
          message: 'Idempotency key already used with a different payload',
          error: 'conflict',
          status: 409,
        },
      })
      const error = await rejectionOf(() => at(up.url, () => pay(payments())))
      cases.push({
        library,
        what: `upstream answered 409 to a reused X-Idempotency-Key (${describe(error)}); ${settings}`,
        why: 'idempotency conflict the SDK reports as its own class (MPIdempotencyError), like Stripe idempotency_error: 409 (conflicts row); arguably an upstream 4xx (500)',
        upstreamStatus: 409,
        expect: { status: 409 },
        error,
      })
    }
    {
      // Our bug: create() called without its arguments object.
      const error = await rejectionOf(() =>
        at(up.url, () => payments().create(undefined as unknown as Parameters<Payment['create']>[0])),
      )
      cases.push({
        library,
        what: `Payment.create called without its { body } argument (${describe(error)})`,
        why: 'our own bug (a required argument missing): 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    config.BASE_URL = original
    await up.close()
  }
}
