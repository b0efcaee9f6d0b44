// mangopay2-nodejs-sdk (marketplace payments) against a scripted loopback Mangopay API (`baseUrl`).
// The fake answers the OAuth token request the SDK makes first, then the scripted reply. The SDK
// rejects with the upstream's JSON body (a plain object), with a plain { Message, Code: 408 }
// object when its `connectionTimeout` fires, and with a bare string when the OAuth call fails
// without a response. No retries. Its errorHandler (console.error by default) is silenced.
import type { IncomingMessage, ServerResponse } from 'node:http'
import Mangopay from 'mangopay2-nodejs-sdk'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, type Reply, startUpstream, type Upstream } from './support/http-upstream.js'

const library = 'mangopay2-nodejs-sdk'
const clientId = 'loopbackclient'

/** The upstream, answering the SDK's OAuth token request before every scripted reply. */
function withOAuth(up: Upstream): Upstream {
  const answer = (next: Reply, res: ServerResponse): void => {
    if (next === 'hang') return
    if (typeof next === 'string') return void res.socket?.destroy()
    const headers: Record<string, string> = { ...next.headers }
    const body = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {})
    if (typeof next.body !== 'string') headers['content-type'] ??= 'application/json'
    res.writeHead(next.status, headers)
    res.end(body)
  }
  const routed = (next: Reply | ((req: IncomingMessage, res: ServerResponse) => void)) =>
    up.reply((req, res) => {
      if (req.url?.includes('/oauth/token'))
        return answer(
          { status: 200, body: { access_token: 'tok', token_type: 'Bearer', expires_in: 3600 } },
          res,
        )
      if (typeof next === 'function') return next(req, res)
      answer(next, res)
    })
  return { ...up, url: up.url, port: up.port, seen: up.seen, reply: routed, close: () => up.close() }
}

function api(baseUrl: string, connectionTimeout = 5000) {
  return new Mangopay({
    clientId,
    clientApiKey: 'loopback-api-key',
    baseUrl,
    connectionTimeout,
    responseTimeout: 5000,
    errorHandler: () => {},
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const raw = await startUpstream()
  const up = withOAuth(raw)
  const port = await closedPort()
  try {
    const user = {
      PersonType: 'NATURAL' as const,
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada@example.com',
      UserCategory: 'PAYER' as const,
      TermsAndConditionsAccepted: true,
    }
    const cases = await runMatrix({
      library,
      up,
      call: () => api(raw.url).Users.create(user as never),
      refused: () => api(`http://127.0.0.1:${port}`).Users.create(user as never),
      timeout: () => api(raw.url, 250).Users.create(user as never),
      timeoutNote: 'the client option `connectionTimeout: 250`',
      body: (status, message) => ({
        Message: message,
        Type: status === 400 ? 'param_error' : 'other',
        Id: 'b0e8a6c1-0000-4000-8000-000000000000',
        Date: 1765090000,
        errors: status === 400 ? { Email: 'The Email field is required.' } : null,
      }),
      conflict: [409, 'A user with this tag already exists'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'POST /v2.01/{clientId}/users/natural after the OAuth token call, no retries',
      silentStatuses: 'all',
      // A 200 HTML page resolves as a string (axios parses JSON silently).
      skip: ['reset', 404, 403, 502, 'html'],
    })
    // The OAuth call itself rejected by the upstream: our credentials.
    up.reply((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="mangopay"' })
      res.end(JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client credentials' }))
      void req
    })
    const oauth = await rejectionOf(() => api(raw.url).Users.get('user_1'))
    cases.push({
      library,
      what: `OAuth token request answered 401 invalid_client to our client id / API key (${describe(oauth)}: the plain JSON body)`,
      why: 'a dependency rejecting our credentials: 500, no WWW-Authenticate to our client',
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: oauth,
    })
    return cases
  } finally {
    await raw.close()
  }
}
