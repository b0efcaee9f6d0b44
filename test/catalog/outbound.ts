import { createServer, get as httpGet, type IncomingMessage, type Server } from 'node:http'
import Boom from '@hapi/boom'
import { rejectionOf } from '../support/caught.js'
import { listen } from '../support/loopback.js'
import { catalog } from './example.js'

// The outbound family is for the clients and SDKs that no rule names. Every HTTP SDK in
// devDependencies that no rule names is in the held-out set (test/held-out/README.md), which no
// catalog may use, so these errors are the generic shapes such clients throw, each around a real
// exchange: Node's fetch against a loopback upstream.

// The upstream, started by the first example: /status/<n> answers n (429 with `Retry-After: 7`).
let server: Server | undefined
let started: Promise<string> | undefined

function upstream(): Promise<string> {
  started ??= (async () => {
    server = createServer((req, res) => {
      req.resume()
      if (req.url === '/gql') {
        // A GraphQL server answers its errors with a 200 (GraphQL over HTTP, application/json).
        const errors = [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }]
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors, data: null }))
        return
      }
      const status = Number(/^\/status\/(\d{3})$/.exec(req.url ?? '')?.[1] ?? 200)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (status === 429) headers['retry-after'] = '7'
      res.writeHead(status, headers).end(JSON.stringify({ error: 'upstream says no' }))
    })
    return `http://127.0.0.1:${await listen(server)}`
  })()
  return started
}

/** An SDK's error for an upstream's error answer: its status and headers on the error itself. */
class ApiError extends Error {
  readonly status: number
  readonly headers: Headers
  constructor(response: Response) {
    super(`${response.status} status code (no body)`)
    this.name = 'ApiError'
    this.status = response.status
    this.headers = response.headers
  }
}

/** A hand-written client's error: the request it sent, and the upstream's `Response` if one came. */
class ClientError extends Error {
  readonly request: { readonly method: string; readonly url: string }
  readonly response: Response | undefined
  constructor(method: string, url: string, response?: Response, cause?: unknown) {
    super(`${method} ${url} failed`, { cause })
    this.name = 'ClientError'
    this.request = { method, url }
    this.response = response
  }
}

/**
 * A GraphQL client's error: the upstream's answer (its `errors`, `data`, status and headers) as
 * `response`, the query sent as `request`, thrown when the answer carries errors.
 */
class GraphQLClientError extends Error {
  constructor(
    readonly response: { errors: unknown[]; data: unknown; status: number; headers: Headers },
    readonly request: { url: string; query: string },
  ) {
    super(`GraphQL error: ${JSON.stringify(response.errors)}`)
    this.name = 'GraphQLClientError'
  }
}

async function graphQLCall(query: string): Promise<unknown> {
  const url = `${await upstream()}/gql`
  const answer = await fetch(url, { method: 'POST', body: JSON.stringify({ query }) })
  const body = (await answer.json()) as { errors?: unknown[]; data: unknown }
  if (body.errors) {
    const response = { errors: body.errors, data: body.data, status: answer.status, headers: answer.headers }
    throw new GraphQLClientError(response, { url, query })
  }
  return body.data
}

/** An API client's error: the status and, beside it, the API's own error number from the body. */
class NumberedApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly statusCode: number,
  ) {
    super(message)
    this.name = 'NumberedApiError'
  }
}

/**
 * An API client over node:http that rejects with a plain object: the request options it called
 * with, and the API's error (its message and `http_code`) under `error`.
 */
async function optionsCall(status: number): Promise<unknown> {
  const { port, hostname } = new URL(await upstream())
  const request_options = { protocol: 'http:', hostname, port, path: `/status/${status}`, method: 'GET' }
  const answered = await new Promise<number>((resolve, reject) => {
    httpGet(request_options, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    }).on('error', reject)
  })
  if (answered >= 400)
    throw { request_options, error: { message: 'Rate Limit Exceeded', http_code: answered } }
  return answered
}

/** An RPC client's call: GET /status/<n>, thrown with the `Response` kept in `meta` when not ok. */
async function metaCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (response.ok) return response.json()
  const error = new Error('Rate limit exceeded')
  error.name = 'RPCClientError'
  throw Object.assign(error, { meta: { response, responseJSON: await response.json() } })
}

/** The API client's call: GET /status/<n>, thrown with the API's error number when not ok. */
async function numberedCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (!response.ok) throw new NumberedApiError('The token you provided was invalid.', 10, response.status)
  return response.json()
}

/** A client's error after its last attempt: each attempt's request and response, recorded. */
class AttemptsError extends Error {
  override readonly name = 'AttemptsError'
  constructor(
    readonly status: number,
    readonly attempts: readonly { request: object; response: object }[],
  ) {
    super('Too many requests')
  }
}

/** The client's call: GET /status/<n> once, thrown with its record of attempts when not ok. */
async function recordedCall(status: number): Promise<unknown> {
  const url = `${await upstream()}/status/${status}`
  const response = await fetch(url)
  if (response.ok) return response.json()
  const headers = Object.fromEntries(response.headers)
  const attempt = { request: { url, method: 'GET' }, response: { status: response.status, headers } }
  throw new AttemptsError(response.status, [attempt])
}

/**
 * A client that answers with Boom errors, as hapi's clients do: GET /status/<n> over node:http,
 * and for an error status a Boom of that status whose `data` keeps the response it got.
 */
async function boomCall(status: number): Promise<unknown> {
  const url = `${await upstream()}/status/${status}`
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    httpGet(url, resolve).on('error', reject),
  )
  res.resume()
  const statusCode = res.statusCode ?? 500
  if (statusCode < 400) return undefined
  throw new Boom.Boom(`Response Error: ${statusCode}`, {
    statusCode,
    data: { isResponseError: true, headers: res.headers, res },
  })
}

/**
 * A client over node:http that reads every answer in a format of its own and, when it cannot,
 * rejects with an error that keeps the answer it got under a non-enumerable `res`.
 */
async function unreadableCall(status: number): Promise<never> {
  const url = `${await upstream()}/status/${status}`
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    httpGet(url, resolve).on('error', reject),
  )
  res.resume()
  await new Promise((resolve) => res.on('end', resolve))
  const error = new Error("Unknown tag 'TITLE' in the answer")
  Object.defineProperty(error, 'res', { value: res, enumerable: false })
  throw error
}

/** The SDK's call: GET /status/<n>, thrown as an `ApiError` when the answer is not ok. */
async function sdkCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (!response.ok) throw new ApiError(response)
  return response.json()
}

/**
 * An API client that rejects with the API's error body as it parsed it: the status beside the
 * API's error object (its code and description), nothing else.
 */
async function parsedBodyCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (response.ok) return response.json()
  await response.body?.cancel()
  throw { statusCode: response.status, error: { code: 'BAD_REQUEST_ERROR', description: 'Amount too small' } }
}

/**
 * An OAuth 2.0 client that rejects with the token endpoint's error body as it parsed it, the answer's
 * status and status text beside it (RFC 6749 §5.2).
 */
async function tokenEndpointCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (response.ok) return response.json()
  await response.body?.cancel()
  throw {
    error: 'invalid_client',
    error_description: 'Client authentication failed',
    status: response.status,
    statusText: response.statusText,
  }
}

/** A REST client that rejects with a WordPress-style error body: its code and words, the status under `data`. */
async function dataStatusCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (response.ok) return response.json()
  await response.body?.cancel()
  throw {
    code: 'internal_server_error',
    message: 'There has been a critical error.',
    data: { status: response.status },
  }
}

/** The same, with the API's own error number beside the status and the reference it gave the call. */
async function numberedBodyCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  if (response.ok) return response.json()
  await response.body?.cancel()
  throw {
    statusCode: response.status,
    errorCode: 1002,
    message: 'Your Access Token is invalid.',
    refId: '1x9bd7',
  }
}

/**
 * An SDK's own error for a call that its axios client gave up on: the code, the words and the
 * request config copied from axios's error (`ECONNABORTED`, "timeout of 50ms exceeded"), no response.
 */
async function abortedCall(): Promise<unknown> {
  const url = `${await upstream()}/status/200`
  throw Object.assign(
    new Error('Unsuccessful: Error Code: "ECONNABORTED" Message: "timeout of 50ms exceeded"'),
    {
      code: 'ECONNABORTED',
      config: { url, method: 'get', timeout: 50 },
      response: null,
    },
  )
}

/** The client's call: GET /status/<n>, thrown as a `ClientError` with the `Response` when not ok. */
async function clientCall(status: number): Promise<unknown> {
  const url = `${await upstream()}/status/${status}`
  const response = await fetch(url)
  if (!response.ok) throw new ClientError('GET', url, response)
  return response.json()
}

/** A client's record of one exchange, which it rejects with as it is (not an `Error`). */
class ExchangeRecord {
  statusCode?: number
  exception?: unknown
  wasSuccessful(): boolean {
    return this.statusCode !== undefined && this.statusCode >= 200 && this.statusCode < 300
  }
}

/** The client's call: GET /status/<n>, rejected with its record: the status and the parsed body. */
async function recordCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  const record = new ExchangeRecord()
  record.statusCode = response.status
  if (response.ok) return response.json()
  record.exception = await response.json()
  throw record
}

/**
 * An SDK's call: GET /status/<n>, thrown as an error that says the status line's reason phrase and
 * keeps the API's own errors (the body's, with a number of the API's).
 */
async function statusLineCall(status: number): Promise<unknown> {
  const response = await fetch(`${await upstream()}/status/${status}`)
  const body = (await response.json()) as { error: string }
  if (response.ok) return body
  const errors = [{ message: body.error, code: `1${status}`, description: body.error }]
  throw Object.assign(new Error(response.statusText), { name: 'MailApiError', statusCode: status, errors })
}

export default catalog(
  'outbound',
  [
    {
      error: 'an SDK error with an upstream 401 and response headers (`status`, `headers`)',
      make: () => rejectionOf(() => sdkCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error: 'an SDK error with an upstream 412: a conditional write of ours lost a race (a conflict)',
      make: () => rejectionOf(() => sdkCall(412)),
      rule: 'outbound:412',
      status: 409,
      retryable: false,
    },
    {
      error:
        "an API client's error with the API's own error number beside the status (`statusCode` 401, `code` 10)",
      make: () => rejectionOf(() => numberedCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error:
        "an API client's plain object with Node's request options and the API's error under `error`, e.g. `http_code` 420 (an API's rate limit older than 429)",
      make: () => rejectionOf(() => optionsCall(420)),
      rule: 'outbound:420',
      status: 503,
      retryable: true,
    },
    {
      error:
        "an API client's plain object with the status and the API's error object as its body held it (`{ statusCode: 401, error: { code, description } }`)",
      make: () => rejectionOf(() => parsedBodyCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error:
        "an OAuth 2.0 client's plain object: the token endpoint's error code beside the answer's status (`{ error: 'invalid_client', error_description, status: 401, statusText }`)",
      make: () => rejectionOf(() => tokenEndpointCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error:
        "a REST client's plain object: the API's code and words, the status under `data` (`{ code, message, data: { status: 500 } }`)",
      make: () => rejectionOf(() => dataStatusCall(500)),
      rule: 'outbound:5xx',
      status: 502,
      retryable: true,
    },
    {
      error:
        "an API client's plain object with the status and the API's own error number as its body held it (`{ statusCode: 401, errorCode: 1002, message, refId }`)",
      make: () => rejectionOf(() => numberedBodyCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error:
        'an SDK\'s error with axios\'s `ECONNABORTED` and its words for a timeout ("timeout of 50ms exceeded"), no response',
      make: () => rejectionOf(abortedCall),
      rule: 'outbound:ECONNABORTED:timeout',
      status: 504,
      retryable: true,
    },
    {
      error: "a client's error that keeps its record of the exchange as `meta: { response }`, e.g. a 429",
      make: () => rejectionOf(() => metaCall(429)),
      rule: 'outbound:429',
      status: 503,
      retryable: true,
      headers: ['retry-after'],
    },
    {
      error: "a client's error that records its attempts (`[{ request, response }]`), the last one a 429",
      make: () => rejectionOf(() => recordedCall(429)),
      rule: 'outbound:429',
      status: 503,
      retryable: true,
      headers: ['retry-after'],
    },
    {
      error: "a client's Boom that keeps the response it got in `data` (`data.res`), e.g. a 429",
      make: () => rejectionOf(() => boomCall(429)),
      rule: 'outbound:429',
      status: 503,
      retryable: true,
      headers: ['retry-after'],
    },
    {
      error:
        "a client's record of an exchange it rejects with, not an `Error` (`{ statusCode, exception }`), e.g. a 401",
      make: () => rejectionOf(() => recordCall(401)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error:
        "an SDK's error whose message is the reason phrase, with the API's errors (`errors: [{ message, code }]`), e.g. a 429",
      make: () => rejectionOf(() => statusLineCall(429)),
      rule: 'outbound:429',
      status: 503,
      retryable: true,
    },
    {
      error: 'a client error with `response.status` 404',
      make: () => rejectionOf(() => clientCall(404)),
      rule: 'outbound:4xx',
      status: 500,
      retryable: false,
    },
    {
      error: 'a client error with an upstream 429 (its `Retry-After` kept)',
      make: () => rejectionOf(() => clientCall(429)),
      rule: 'outbound:429',
      status: 503,
      retryable: true,
      headers: ['retry-after'],
    },
    {
      error: 'a client error with an upstream 500',
      make: () => rejectionOf(() => clientCall(500)),
      rule: 'outbound:5xx',
      status: 502,
      retryable: true,
    },
    {
      error: 'a client error with an upstream 529 (overloaded)',
      make: () => rejectionOf(() => clientCall(529)),
      rule: 'outbound:529',
      status: 503,
      retryable: true,
    },
    {
      error: 'a client error with an upstream 524 (a gateway timed out)',
      make: () => rejectionOf(() => clientCall(524)),
      rule: 'outbound:524',
      status: 504,
      retryable: true,
    },
    {
      // The client streams an upload whose source fails: fetch says only "fetch failed".
      error: 'a client error without a response, its cause unknown',
      make: async () => {
        const url = `${await upstream()}/upload`
        const body = new ReadableStream({
          pull: (controller) => controller.error(new Error('disk read failed')),
        })
        const failed = await rejectionOf(() =>
          fetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit),
        )
        return new ClientError('POST', url, undefined, failed)
      },
      rule: 'outbound',
      status: 502,
      retryable: true,
    },
    {
      // The upstream refused our credentials: its 200 says so in `extensions.code`.
      error: "a GraphQL client's error: a 200 whose first error's `extensions.code` is `UNAUTHENTICATED`",
      make: () => rejectionOf(() => graphQLCall('{ me { id } }')),
      rule: 'outbound:graphql:4xx',
      status: 500,
    },
    {
      // The shape of an OAuth 2 client's report of a token endpoint's answer: the client's own error
      // keeps the status and body it got under a key named for an error.
      error:
        "a client's error that keeps the answer it got under a key named `…Error` (`{ statusCode: 503, data }`)",
      make: () =>
        Object.assign(new Error('Failed to obtain access token'), {
          oauthError: { statusCode: 503, data: 'Service Unavailable' },
        }),
      rule: 'outbound:503',
      status: 503,
      retryable: true,
    },
    {
      error:
        "a client's error reading an answer, the `IncomingMessage` it got kept under a non-enumerable `res`: a proxy's 502 page",
      make: () => rejectionOf(() => unreadableCall(502)),
      rule: 'outbound:5xx',
      status: 502,
      retryable: true,
    },
    {
      error: 'the same with a 2xx: the upstream answered, and the answer could not be read',
      make: () => rejectionOf(() => unreadableCall(200)),
      rule: 'outbound:2xx',
      status: 502,
      retryable: true,
    },
  ],
  async () => {
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  },
)
