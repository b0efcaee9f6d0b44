import docusign from 'docusign-esign'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'docusign-esign'

const ACCOUNT = '2b6f0f0e-1c3a-4d5e-8f90-0a1b2c3d4e5f'
const ENVELOPE = '93be49ab-9f3e-4a3c-b1a4-a8e3c8f0e4c2'

/** The eSignature API's error body. */
const dsError = (errorCode: string, message: string) => ({ errorCode, message })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const envelopes = (base: string, timeout = 2000) => {
    const client = new docusign.ApiClient({ basePath: `${base}/restapi` })
    client.timeout = timeout
    client.addDefaultHeader('Authorization', 'Bearer not-a-real-access-token')
    return new docusign.EnvelopesApi(client)
  }
  const api = envelopes(up.url)
  const getEnvelope = (a = api) => a.getEnvelope(ACCOUNT, ENVELOPE)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; the SDK passes the axios error on unchanged, no retries')
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="docusign"' },
      body: dsError('USER_AUTHENTICATION_FAILED', 'One or both of Username and Password are invalid.'),
    })
    add(
      'the eSignature API answered 401 USER_AUTHENTICATION_FAILED to our access token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getEnvelope()),
      401,
    )

    up.reply({
      status: 400,
      body: dsError(
        'ENVELOPE_IS_INCOMPLETE',
        'The Envelope is not Complete. A Complete Envelope Requires Documents, Recipients, Tabs, and a Subject Line.',
      ),
    })
    add(
      'the eSignature API answered 400 ENVELOPE_IS_INCOMPLETE to the envelope definition our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        api.createEnvelope(ACCOUNT, { envelopeDefinition: { emailSubject: 'Please sign', status: 'sent' } }),
      ),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: dsError(
        'HOURLY_APIINVOCATION_LIMIT_EXCEEDED',
        'The maximum number of hourly API invocations has been exceeded.',
      ),
    })
    add(
      'the eSignature API answered 429 HOURLY_APIINVOCATION_LIMIT_EXCEEDED with Retry-After: 7 (kept in ' +
        'error.response.headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => getEnvelope()),
      429,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'the eSignature API answered 503 with Retry-After: 7 (kept in error.response.headers)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => getEnvelope()),
      503,
    )

    up.reply('hang')
    add(
      "the SDK's own 250 ms timeout (ApiClient.timeout) fired on an eSignature API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getEnvelope(envelopes(up.url, 250))),
    )

    const refused = envelopes(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getEnvelope(refused)),
    )

    add(
      'getEnvelope was called with an envelope id our server failed to look up (undefined); the SDK ' +
        'throws "Missing the required parameter \'envelopeId\'"',
      'our bug (a required SDK argument missing): 500',
      { status: 500 },
      await rejectionOf(() => api.getEnvelope(ACCOUNT, undefined)),
    )

    add(
      'requestJWTUserToken was given a private key setting that is not a PEM key; signing the JWT ' +
        'assertion throws before any request',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        new docusign.ApiClient({
          basePath: `${up.url}/restapi`,
          oAuthBasePath: 'account-d.docusign.com',
        }).requestJWTUserToken(
          'c7d4f1b0-integration-key',
          '5e0f1a2b-user-id',
          ['signature', 'impersonation'],
          'DOCUSIGN_PRIVATE_KEY',
          3600,
        ),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
