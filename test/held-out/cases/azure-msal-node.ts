// @azure/msal-node: our server gets tokens from a loopback Entra-style tenant, as a confidential
// client (through a custom INetworkModule, the hook MSAL offers for proxies, which forwards the
// https authority to the loopback http server) and as a managed identity (App Service endpoint).
import {
  ConfidentialClientApplication,
  type INetworkModule,
  ManagedIdentityApplication,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_429_BARE, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@azure/msal-node'

export async function collect(): Promise<HeldOutCase[]> {
  const idp = await startUpstream()
  const cases: HeldOutCase[] = []
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER }
  try {
    const authorityHost = `https://127.0.0.1:${idp.port}`
    const tenant = 'shop-tenant'
    async function send<T>(
      method: string,
      url: string,
      options?: NetworkRequestOptions,
    ): Promise<NetworkResponse<T>> {
      const response = await fetch(url.replace(authorityHost, idp.url), {
        method,
        ...(options?.headers ? { headers: options.headers } : {}),
        ...(options?.body !== undefined ? { body: options.body } : {}),
      })
      const text = await response.text()
      let body: unknown = {}
      try {
        body = JSON.parse(text)
      } catch {}
      return { status: response.status, headers: Object.fromEntries(response.headers), body: body as T }
    }
    const networkClient: INetworkModule = {
      sendGetRequestAsync: (url, options) => send('GET', url, options),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    }
    const authorityMetadata = JSON.stringify({
      token_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/token`,
      issuer: `${authorityHost}/${tenant}/v2.0`,
      authorization_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/logout`,
      jwks_uri: `${authorityHost}/${tenant}/discovery/v2.0/keys`,
    })
    const auth = {
      clientId: 'shop-api',
      clientSecret: 'client-secret',
      authority: `${authorityHost}/${tenant}`,
      knownAuthorities: [`127.0.0.1:${idp.port}`],
    }
    const cca = new ConfidentialClientApplication({
      auth: { ...auth, authorityMetadata },
      system: { networkClient },
    })
    // A new scope each time: MSAL replays a throttled answer for the same request otherwise.
    let n = 0
    const clientCredential = () =>
      cca.acquireTokenByClientCredential({ scopes: [`api://orders-${++n}/.default`] })

    idp.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="shop-tenant"' },
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215],
      },
    })
    cases.push({
      library,
      what: 'token endpoint answered 401 invalid_client to our client secret: ServerError (errorCode invalid_client, status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: await rejectionOf(clientCredential),
    })

    idp.reply({
      status: 400,
      body: {
        error: 'invalid_scope',
        error_description: 'AADSTS70011: The provided value for scope is not valid.',
      },
    })
    cases.push({
      library,
      what: 'token endpoint answered 400 invalid_scope to the scope our config asks for: ServerError (errorCode invalid_scope, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(clientCredential),
    })

    idp.reply({
      status: 500,
      body: { error: 'server_error', error_description: 'AADSTS90033: A transient error has occurred.' },
    })
    cases.push({
      library,
      what: 'token endpoint answered 500 server_error: ServerError (errorCode server_error, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(clientCredential),
    })

    idp.reply({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'temporarily_unavailable' } })
    cases.push({
      library,
      what: 'token endpoint answered 429 (Retry-After: 7) temporarily_unavailable: ServerError (status 429)',
      why: 'upstream 429: dependency unavailable, 503 (the error keeps no Retry-After; MSAL keeps it in its throttling cache)',
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(clientCredential),
    })

    idp.reply({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'AADSTS70008: The provided authorization code has expired.',
        suberror: 'bad_token',
      },
    })
    cases.push({
      library,
      what: 'login callback: token endpoint answered 400 invalid_grant to the code we redeemed: InteractionRequiredAuthError (errorCode invalid_grant, no status)',
      why: 'IdP said 4xx to our token request: 500, status never passed through (ambiguous: the user could just log in again)',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        cca.acquireTokenByCode({
          code: 'code-from-redirect',
          scopes: ['user.read'],
          redirectUri: 'http://127.0.0.1/cb',
        }),
      ),
    })

    const discovering = new ConfidentialClientApplication({ auth, system: { networkClient } })
    idp.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Sign in</body></html>',
    })
    cases.push({
      library,
      what: 'openid-configuration answered 200 with an HTML page: ClientAuthError endpoints_resolution_error',
      why: 'upstream answered badly (garbage discovery document): 502',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() =>
        discovering.acquireTokenByClientCredential({ scopes: ['api://orders/.default'] }),
      ),
    })

    const insecure = new ConfidentialClientApplication({
      auth: { ...auth, authority: `${idp.url}/${tenant}` },
    })
    cases.push({
      library,
      what: 'our authority is configured as http://: ClientConfigurationError authority_uri_insecure',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        insecure.acquireTokenByClientCredential({ scopes: ['api://orders/.default'] }),
      ),
    })

    let thrown: unknown
    try {
      new ConfidentialClientApplication({
        auth: { clientId: 'shop-api', authority: `${authorityHost}/${tenant}` },
      })
    } catch (error) {
      thrown = error
    }
    cases.push({
      library,
      what: 'confidential client built without a secret, certificate or assertion (unset env var): ClientAuthError invalid_client_credential',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: thrown,
    })

    cases.push({
      library,
      what: 'we asked for a token with an empty scopes list: ClientConfigurationError empty_input_scopes_error',
      why: 'our own bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => cca.acquireTokenByClientCredential({ scopes: [] })),
    })

    process.env.IDENTITY_ENDPOINT = `${idp.url}/msi/token`
    process.env.IDENTITY_HEADER = 'identity-header'
    idp.reply({ status: 400, body: { statusCode: 400, message: 'No managed identity endpoint found.' } })
    cases.push({
      library,
      what: 'managed identity endpoint answered 400 (no identity assigned to our app): ServerError (status 400)',
      why: 'upstream 4xx to our misconfigured identity: 500',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        new ManagedIdentityApplication({}).acquireToken({ resource: 'https://vault.azure.net' }),
      ),
    })

    idp.reply({
      status: 500,
      body: { statusCode: 500, message: 'An unexpected error occured while fetching the AAD Token.' },
    })
    cases.push({
      library,
      what: 'managed identity endpoint answered 500 (after MSAL retried it): ServerError (status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() =>
        new ManagedIdentityApplication({}).acquireToken({ resource: 'https://db.azure.net' }),
      ),
    })

    idp.reply('reset')
    cases.push({
      library,
      what: 'managed identity endpoint reset the connection: NetworkError network_error "Network request failed: fetch failed" (error: a base AuthError; the ECONNRESET is not kept)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() =>
        new ManagedIdentityApplication({}).acquireToken({ resource: 'https://storage.azure.com' }),
      ),
    })

    process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${await closedPort()}/msi/token`
    cases.push({
      library,
      what: 'managed identity endpoint refuses the connection: NetworkError network_error "Network request failed: fetch failed" (the ECONNREFUSED is not kept)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        new ManagedIdentityApplication({}).acquireToken({ resource: 'https://servicebus.azure.net' }),
      ),
    })
  } finally {
    if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT
    else process.env.IDENTITY_ENDPOINT = saved.endpoint
    if (saved.header === undefined) delete process.env.IDENTITY_HEADER
    else process.env.IDENTITY_HEADER = saved.header
    await idp.close()
  }
  return cases
}
