import * as oauth from 'oauth4webapi'
import { thrownBy } from '../support/caught.js'
import { catalog } from './example.js'

// Real oauth4webapi errors: the authorization server's answer, brought back to our callback by the
// user's browser, that `validateAuthResponse` reports with its RFC 6749 `error` code.

const SERVER = { issuer: 'https://idp.example', authorization_endpoint: 'https://idp.example/authorize' }
const CLIENT = { client_id: 'web-app' }

const callback = (query: string) =>
  thrownBy(() =>
    oauth.validateAuthResponse(SERVER, CLIENT, new URL(`https://app.example/callback?${query}`), 'st-1'),
  )

export default catalog('oauth', [
  {
    error: 'an OAuth 2.0 `error: "access_denied"` (the resource owner declined consent)',
    make: () => callback('error=access_denied&state=st-1'),
    rule: 'oauth:access_denied',
    status: 403,
    retryable: false,
  },
  {
    error: 'an OAuth 2.0 `error: "temporarily_unavailable"` (the authorization server is overloaded)',
    make: () => callback('error=temporarily_unavailable&error_description=Maintenance&state=st-1'),
    rule: 'oauth:temporarily_unavailable',
    status: 503,
    retryable: true,
  },
  {
    error: 'an OAuth 2.0 `error: "server_error"` (the authorization server failed)',
    make: () => callback('error=server_error&state=st-1'),
    rule: 'oauth:server_error',
    status: 502,
    retryable: true,
  },
])
