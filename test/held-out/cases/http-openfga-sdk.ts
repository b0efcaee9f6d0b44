import { CredentialsMethod, OpenFgaClient } from '@openfga/sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@openfga/sdk'

const STORE = '01HVMMBCMGZNT3SED4Z17ECXCA'
const MODEL = '01HVMMBD4Q2W8E5R7T9Y1V3K6P'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; retries off')
  const client = (apiUrl: string, extra: { timeout?: number; storeId?: string } = {}) =>
    new OpenFgaClient({
      apiUrl,
      storeId: extra.storeId ?? STORE,
      authorizationModelId: MODEL,
      credentials: { method: CredentialsMethod.ApiToken, config: { token: 'fga-api-token-of-our-server' } },
      retryParams: { maxRetry: 0 },
      ...(extra.timeout === undefined ? {} : { baseOptions: { timeout: extra.timeout } }),
    })
  const fga = client(up.url)
  const check = (c = fga) => c.check({ user: 'user:anne', relation: 'viewer', object: 'document:roadmap' })
  try {
    up.reply({
      status: 400,
      body: { code: 'validation_error', message: "relation 'document#viewer' not found" },
    })
    add(
      'authorization check: the FGA server answered 400 validation_error (our model has no such relation)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => check()),
      400,
    )
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { code: 'unauthenticated', message: 'unauthenticated' },
    })
    add(
      'authorization check: the FGA server answered 401 to our API token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => check()),
      401,
    )
    up.reply({
      status: 403,
      body: { code: 'forbidden', message: 'the principal cannot call Check on this store' },
    })
    add(
      'authorization check: the FGA server answered 403 forbidden to our API token (not the end user being denied)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => check()),
      403,
    )
    up.reply({ status: 404, body: { code: 'store_id_not_found', message: 'store not found' } })
    add(
      'authorization check: the FGA server answered 404 store_id_not_found for the store id we are configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => check()),
      404,
    )
    up.reply({ status: 409, body: { code: 'transactional_write_failed', message: 'write conflict' } })
    add(
      'writing a tuple: the FGA server answered 409 (generic FgaApiError)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        fga.writeTuples([{ user: 'user:anne', relation: 'viewer', object: 'document:roadmap' }]),
      ),
      409,
    )
    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { code: 'rate_limit_exceeded', message: 'rate limited' },
    })
    add(
      'authorization check: the FGA server answered 429 with Retry-After: 7 (kept in responseHeader)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => check()),
      429,
    )
    up.reply({ status: 500, body: { code: 'internal_error', message: 'internal server error' } })
    add(
      'authorization check: the FGA server answered 500 internal_error',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => check()),
      500,
    )
    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { code: 'unavailable', message: 'datastore unavailable' },
    })
    add(
      'authorization check: the FGA server answered 503 with Retry-After: 7 (reported as FgaApiInternalError)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => check()),
      503,
    )
    up.reply('hang')
    add(
      'authorization check: the FGA server never answers, axios timeout 250 ms',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => check(client(up.url, { timeout: 250 }))),
    )
    const port = await closedPort()
    add(
      'authorization check: nothing listens on the FGA port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => check(client(`http://127.0.0.1:${port}`))),
    )
    add(
      'a client configured with a store id that is not a ULID (FgaValidationError before any request)',
      'our misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() => check(client(up.url, { storeId: 'payments-store' }))),
    )
  } finally {
    await up.close()
  }
  return cases
}
