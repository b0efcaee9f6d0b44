import { betterAuth, clientCredentialsToken, refreshAccessToken } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'better-auth'

const SECRET = 'better-auth-test-secret-8f2b7c1e9a4d6f3b0c5e7a9d'

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const db: Record<string, unknown[]> = { user: [], session: [], account: [], verification: [] }
  const auth = betterAuth({
    database: memoryAdapter(db),
    secret: SECRET,
    baseURL: 'http://127.0.0.1:3000',
    emailAndPassword: { enabled: true },
    logger: { disabled: true },
    telemetry: { enabled: false },
  })
  await auth.api.signUpEmail({
    body: { email: 'ada@example.test', password: 'correct-horse-battery', name: 'Ada' },
  })

  const carried = (status: number, what: string) => `${what}: the framework's APIError carries ${status}`
  add(
    'auth.api.signInEmail with an email nobody registered',
    carried(401, 'credentials of the incoming request rejected'),
    { status: 401 },
    await rejectionOf(() =>
      auth.api.signInEmail({ body: { email: 'nobody@example.test', password: 'whatever-123' } }),
    ),
  )
  add(
    'auth.api.signUpEmail with an email that is already registered',
    carried(422, 'the client data conflicts with an existing user; status set by the framework'),
    { status: 422 },
    await rejectionOf(() =>
      auth.api.signUpEmail({
        body: { email: 'ada@example.test', password: 'another-pass-123', name: 'Eve' },
      }),
    ),
  )
  add(
    "auth.api.signUpEmail with a password below the minimum length (the library's own rule)",
    carried(400, 'input rejected by the auth framework'),
    { status: 400 },
    await rejectionOf(() =>
      auth.api.signUpEmail({ body: { email: 'bob@example.test', password: 'short', name: 'Bob' } }),
    ),
  )
  add(
    'auth.api.signUpEmail whose email fails the zod body schema ("[body.email] Invalid email address", ' +
      'VALIDATION_ERROR)',
    'schema validation of the request body: 422 (as FST_ERR_VALIDATION, although it carries 400)',
    { status: 422 },
    await rejectionOf(() =>
      auth.api.signUpEmail({ body: { email: 'not-an-email', password: 'long-enough-123', name: 'Bob' } }),
    ),
  )
  add(
    'auth.api.listSessions on a request without a session cookie',
    carried(401, 'no credential on the incoming request'),
    { status: 401 },
    await rejectionOf(() => auth.api.listSessions({ headers: new Headers() })),
  )
  add(
    'auth.api.changePassword on a request whose session cookie is forged (unsigned token value)',
    carried(401, 'forged credential on the incoming request'),
    { status: 401 },
    await rejectionOf(() =>
      auth.api.changePassword({
        headers: new Headers({ cookie: 'better-auth.session_token=forged-token.forged-signature' }),
        body: { currentPassword: 'correct-horse-battery', newPassword: 'new-password-456' },
      }),
    ),
  )

  // The OAuth2 helpers that social / generic OAuth providers use, against a scripted IdP token endpoint.
  const up = await startUpstream()
  const options = {
    clientId: 'our-client',
    clientSecret: 'our-secret',
    redirectURI: 'http://127.0.0.1:3000/cb',
  }
  const tokenEndpoint = `${up.url}/oauth/token`
  const cc = (endpoint = tokenEndpoint) =>
    clientCredentialsToken({ options, tokenEndpoint: endpoint, authentication: 'basic', scope: 'read' })
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="idp"' },
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    })
    add(
      'clientCredentialsToken: the IdP token endpoint answered 401 invalid_client to our client secret; rejects ' +
        'with the parsed body plus status/statusText (a plain object)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => cc()),
      401,
    )
    up.reply({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token expired' } })
    add(
      'refreshAccessToken: the IdP answered 400 invalid_grant to the refresh token we stored (plain object)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        refreshAccessToken({ refreshToken: 'stored-refresh-token', options, tokenEndpoint }),
      ),
      400,
    )
    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'slow_down' } })
    add(
      'clientCredentialsToken: the IdP answered 429 with Retry-After: 7; the plain object keeps no headers',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => cc()),
      429,
    )
    up.reply({ status: 500, body: { error: 'server_error' } })
    add(
      'clientCredentialsToken: the IdP answered 500 server_error (plain object)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => cc()),
      500,
    )
    up.reply('reset')
    add(
      'clientCredentialsToken: the IdP reset the connection (fetch failed)',
      WHY.reset,
      RESET,
      await rejectionOf(() => cc()),
    )
    const port = await closedPort()
    add(
      'clientCredentialsToken: nothing listens on the IdP port (fetch failed, ECONNREFUSED cause)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => cc(`http://127.0.0.1:${port}/oauth/token`)),
    )
  } finally {
    await up.close()
  }
  return cases
}
