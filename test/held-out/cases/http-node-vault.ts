import vault from 'node-vault'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'node-vault'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = vault({ apiVersion: 'v1', endpoint: up.url, token: 's.not-a-real-token' })
  const readSecret = () => client.read('secret/data/payments/stripe')
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 403, body: { errors: ['permission denied'] } })
    cases.push({
      library,
      what: 'Vault answered 403 "permission denied" to our token (ApiResponseError: response { statusCode, body }, name "Error")',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(readSecret),
    })

    up.reply({ status: 404, body: { errors: [] } })
    cases.push({
      library,
      what: 'Vault answered 404 to a read of a missing secret (ApiResponseError "Status 404")',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(readSecret),
    })

    up.reply({ status: 400, body: { errors: ['missing client token'] } })
    cases.push({
      library,
      what: 'Vault answered 400 "missing client token" to a write (ApiResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.write('secret/data/payments/stripe', { data: { key: 'x' } })),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: ['request path "secret/data/payments/stripe": rate limit quota exceeded'] },
    })
    cases.push({
      library,
      what: 'Vault answered 429 (rate limit quota exceeded) with Retry-After: 7; the error keeps statusCode and body only',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(readSecret),
    })

    up.reply({ status: 500, body: { errors: ['1 error occurred:\n\t* internal error\n\n'] } })
    cases.push({
      library,
      what: 'Vault answered 500 (ApiResponseError with the upstream error text as message)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(readSecret),
    })

    up.reply({ status: 503, body: { errors: ['Vault is sealed'] } })
    cases.push({
      library,
      what: 'Vault answered 503 "Vault is sealed" (ApiResponseError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(readSecret),
    })
    return cases
  } finally {
    await up.close()
  }
}
