import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Agent, type AgentOptions } from 'node:https'
import { connect } from 'node:tls'
import { Environments, gocardless, parse } from 'gocardless-nodejs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_401, UPSTREAM_429, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'gocardless-nodejs'

const tls = {
  key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
}

/**
 * The client's base URL is fixed by its environment (api-sandbox.gocardless.com); its public `proxy` option (got's
 * `agent`) is how it is pointed at the loopback upstream: an HTTPS agent whose connections go to 127.0.0.1:port,
 * trusting the self-signed loopback certificate.
 */
class LoopbackAgent extends Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false })
  }
  override createConnection(options: AgentOptions) {
    const { servername: _, ...rest } = options as AgentOptions & { servername?: string }
    return connect({
      ...rest,
      host: '127.0.0.1',
      port: this.port,
      ca: tls.cert,
      checkServerIdentity: () => undefined,
    })
  }
}

/** The GoCardless API's error body. */
function apiError(code: number, type: string, message: string, errors: Record<string, unknown>[]) {
  return {
    error: {
      message,
      documentation_url: `https://developer.gocardless.com/api-reference#${type}`,
      type,
      request_id: 'a6a7d2c0-3b1e-4f2a-9d63-1e4b5f6a7b8c',
      code,
      errors,
    },
  }
}

const WEBHOOK_SECRET = 'a-webhook-endpoint-secret'

export const collect: Collect = async () => {
  const up = await startUpstream({ status: 200, body: {} }, tls)
  const cases: HeldOutCase[] = []
  // got 11 underneath; POST is never retried by it, and the client sets no timeout.
  const add = caseAdder(library, cases, '; POST payments (got does not retry a POST)')
  const client = (raiseOnIdempotencyConflict = false) =>
    gocardless('sandbox_not-a-real-token', Environments.Sandbox, {
      proxy: { https: new LoopbackAgent(up.port) },
      raiseOnIdempotencyConflict,
    })
  const create = (c = client()) =>
    c.payments.create(
      { amount: 1500, currency: 'GBP', description: 'Order #12345', links: { mandate: 'MD000123ABC' } },
      'order-12345-charge',
    )
  try {
    up.reply({
      status: 401,
      body: apiError(401, 'invalid_api_usage', 'Authentication failed', [
        { reason: 'authentication_failed', message: 'Authentication failed' },
      ]),
    })
    add(
      'GoCardless answered 401 "Authentication failed" to our access token: AuthenticationError with the got response',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => create()),
      401,
    )

    up.reply({
      status: 403,
      body: apiError(403, 'invalid_api_usage', 'Insufficient permissions', [
        { reason: 'insufficient_permissions', message: 'Your access token has read-only permissions' },
      ]),
    })
    add(
      'GoCardless answered 403 "Insufficient permissions" (our token is read-only): PermissionsError',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => create()),
      403,
    )

    up.reply({
      status: 422,
      body: apiError(422, 'validation_failed', 'Validation failed', [
        { field: 'amount', message: 'must be greater than 1.00', request_pointer: '/payments/amount' },
      ]),
    })
    add(
      'GoCardless answered 422 validation_failed ("amount must be greater than 1.00") to the payment we sent: ' +
        'ValidationFailedError',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => create()),
      422,
    )

    up.reply({
      status: 422,
      body: apiError(422, 'invalid_state', 'Mandate is cancelled', [
        { reason: 'mandate_is_inactive', message: 'The mandate for this payment is cancelled' },
      ]),
    })
    add(
      'GoCardless answered 422 invalid_state "Mandate is cancelled" for the mandate our customer row holds: ' +
        'InvalidStateError',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => create()),
      422,
    )

    up.reply({
      status: 409,
      body: apiError(409, 'invalid_state', 'A resource has already been created with this idempotency key', [
        {
          reason: 'idempotent_creation_conflict',
          message: 'A resource has already been created with this idempotency key',
          links: { conflicting_resource_id: 'PM000260X9VKF4' },
        },
      ]),
    })
    add(
      'GoCardless answered 409 idempotent_creation_conflict (the charge was already created under this idempotency ' +
        'key) and the client raises it: IdempotentCreationConflictError',
      'idempotency conflict reported by a payment SDK (as Stripe idempotency_error): 409',
      { status: 409 },
      await rejectionOf(() => create(client(true))),
      409,
    )

    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'ratelimit-limit': '1000', 'ratelimit-remaining': '0' },
      body: apiError(429, 'invalid_api_usage', 'Rate limit exceeded', [
        { reason: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
      ]),
    })
    add(
      'GoCardless answered 429 rate_limit_exceeded with Retry-After: 7: RateLimitError, whose response keeps the ' +
        'headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => create()),
      429,
    )

    up.reply({
      status: 500,
      body: apiError(500, 'gocardless', 'Uh-oh! Something went wrong', [
        { reason: 'internal_server_error', message: 'Uh-oh! Something went wrong' },
      ]),
    })
    add(
      'GoCardless answered 500 type gocardless "Uh-oh! Something went wrong": GoCardlessInternalError',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => create()),
      500,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body:
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad ' +
        'Gateway</h1></center></body></html>',
    })
    add(
      'the load balancer answered 502 with an HTML page: the client builds a GoCardlessInternalError whose own code ' +
        'says 500',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => create()),
      502,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body></body></html>',
    })
    add(
      'the API answered 200 with an HTML login page: MalformedResponseError "Malformed JSON received from ' +
        'GoCardless API (HTTP 200)"',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => create()),
    )

    const body = JSON.stringify({ events: [{ id: 'EV123', resource_type: 'payments', action: 'confirmed' }] })
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('hex')
    add(
      'an incoming webhook carries a Webhook-Signature made with another secret: parse() throws ' +
        'InvalidSignatureError (a plain object, not an Error)',
      'failed authentication of the incoming request (forged webhook signature): 401',
      { status: 401 },
      await rejectionOf(() => parse(body, WEBHOOK_SECRET, forged)),
    )

    const broken = '{"events": [{"id": "EV123",'
    add(
      'an incoming webhook is correctly signed but its body is truncated JSON: parse() throws the SyntaxError of ' +
        'JSON.parse',
      'malformed request body from the client: 400',
      { status: 400 },
      await rejectionOf(() =>
        parse(broken, WEBHOOK_SECRET, createHmac('sha256', WEBHOOK_SECRET).update(broken).digest('hex')),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
