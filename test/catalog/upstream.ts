import { createServer, type Server } from 'node:http'
import { Readable } from 'node:stream'
import axios, { AxiosError } from 'axios'
import { request as gaxiosRequest } from 'gaxios'
import got, { ReadError, type Request } from 'got'
import ky from 'ky'
import { Agent, interceptors, request as undiciRequest } from 'undici'
import { rejectionOf } from '../support/caught.js'
import { closedPort, listen } from '../support/loopback.js'
import { catalog, type Example } from './example.js'

// A loopback upstream, started by the first example that calls it: /status/<n> answers n (429 and
// 503 with `Retry-After: 7`), /hang never answers, /garbage answers 200 with a body that is not
// JSON, /cut sends half a body and drops the connection, /loop redirects to itself; anything else
// answers 200.
let server: Server | undefined
let started: Promise<string> | undefined

function upstream(): Promise<string> {
  started ??= (async () => {
    server = createServer((req, res) => {
      req.resume()
      const path = req.url ?? '/'
      if (path === '/hang') return
      if (path === '/garbage')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>')
      if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end()
      if (path === '/cut') {
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
          .write('{"partial":')
        return void setTimeout(() => req.socket.destroy(), 10)
      }
      const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 200)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (status === 429 || status === 503) headers['retry-after'] = '7'
      res.writeHead(status, headers).end(JSON.stringify({ error: 'upstream says no' }))
    })
    return `http://127.0.0.1:${await listen(server)}`
  })()
  return started
}

async function url(path: string): Promise<string> {
  return `${await upstream()}${path}`
}

/** An `AbortSignal` that the caller aborts shortly: the client request goes away. */
function abortSoon(ms = 10): AbortSignal {
  const controller = new AbortController()
  setTimeout(() => controller.abort(), ms)
  return controller.signal
}

// undici 7 throws for an upstream status only through its responseError interceptor.
let throwing: Agent | undefined
function throwingDispatcher() {
  throwing ??= new Agent()
  return throwing.compose(interceptors.responseError())
}

/** The upstream answers each client's rows show: the status sent, and what it must become. */
const UPSTREAM_STATUSES = [
  { what: 'upstream 4xx (401, 403, 404 …)', sent: 401, rule: '4xx', status: 500, retryable: false },
  { what: 'upstream 408', sent: 408, rule: '408', status: 504, retryable: true },
  { what: 'upstream 429 (with its Retry-After)', sent: 429, rule: '429', status: 503, retryable: true },
  { what: 'upstream 503 (with its Retry-After)', sent: 503, rule: '503', status: 503, retryable: true },
  { what: 'upstream 5xx', sent: 500, rule: '5xx', status: 502, retryable: true },
] as const

/** One example per upstream status, each a real call of the client to /status/<n>. */
function statusExamples(client: string, label: string, call: (url: string) => Promise<unknown>): Example[] {
  return UPSTREAM_STATUSES.map(({ what, sent, rule, status, retryable }) => ({
    error: `${label}, ${what}`,
    make: async () => rejectionOf(async () => call(await url(`/status/${sent}`))),
    rule: `upstream:${client}:${rule}`,
    status,
    retryable,
    ...(sent === 429 || sent === 503 ? { headers: ['retry-after'] } : {}),
  }))
}

/** A request body whose source fails mid-upload (a file that cannot be read, say). */
function failingWebStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ pull: (controller) => controller.error(new Error('disk read failed')) })
}

const GOT = { retry: { limit: 0 } }

export default catalog(
  'upstream',
  [
    ...statusExamples('axios', 'axios `AxiosError`', (target) => axios.get(target)),
    {
      error: 'axios `ECONNABORTED`, no response',
      make: async () => rejectionOf(async () => axios.get(await url('/hang'), { timeout: 20 })),
      rule: 'upstream:axios:ECONNABORTED',
      status: 504,
      retryable: true,
    },
    {
      // axios reads every cancellation as an abort: `ERR_CANCELED` is the code, `aborted` the rule.
      error: 'axios `ERR_CANCELED`, no response',
      make: async () => rejectionOf(async () => axios.get(await url('/hang'), { signal: abortSoon() })),
      rule: 'upstream:axios:aborted',
      status: 499,
      retryable: false,
    },
    {
      // The fetch adapter, streaming an upload whose source fails: no response, no known cause.
      error: 'axios `ERR_NETWORK`, no response',
      make: async () =>
        rejectionOf(async () => axios.post(await url('/'), failingWebStream(), { adapter: 'fetch' })),
      rule: 'upstream:axios:ERR_NETWORK',
      status: 502,
      retryable: true,
    },
    {
      error: 'axios `ERR_FR_TOO_MANY_REDIRECTS`, no response',
      make: async () => rejectionOf(async () => axios.get(await url('/loop'), { maxRedirects: 1 })),
      rule: 'upstream:axios:ERR_FR_TOO_MANY_REDIRECTS',
      status: 502,
      retryable: false,
    },
    {
      // A body cut mid-stream: axios reports it with the response's 200.
      error: 'axios `ERR_BAD_RESPONSE`, no response',
      make: async () => rejectionOf(async () => axios.get(await url('/cut'))),
      rule: 'upstream:axios:ERR_BAD_RESPONSE',
      status: 502,
      retryable: true,
    },
    {
      error: 'axios `ERR_BAD_REQUEST`, no response',
      make: () => rejectionOf(() => axios.get('ftp://127.0.0.1/')),
      rule: 'upstream:axios:ERR_BAD_REQUEST',
      status: 500,
    },
    {
      error: 'axios `ERR_BAD_OPTION_VALUE`, no response',
      make: async () =>
        rejectionOf(async () =>
          axios.get(await url('/'), { transitional: { silentJSONParsing: 'yes' as unknown as boolean } }),
        ),
      rule: 'upstream:axios:ERR_BAD_OPTION_VALUE',
      status: 500,
    },
    {
      error: 'axios `ERR_BAD_OPTION`, no response',
      make: async () =>
        rejectionOf(async () => axios.get(await url('/'), { transitional: { bogus: true } as object })),
      rule: 'upstream:axios:ERR_BAD_OPTION',
      status: 500,
    },
    {
      error:
        'an HTTP client\'s error that copies fetch\'s refusal of our request before sending it ("Failed to parse URL from /v1/…", "Request with GET/HEAD method cannot have body.")',
      // axios' fetch adapter with a relative URL and no baseURL.
      make: () => rejectionOf(() => axios.request({ url: '/v1/orders', adapter: 'fetch' })),
      rule: 'upstream:axios:request-invalid',
      status: 500,
    },
    {
      error: 'axios `ERR_INVALID_URL`, no response',
      make: () => rejectionOf(() => axios.get('http:/127.0.0.1/')),
      rule: 'upstream:axios:ERR_INVALID_URL',
      status: 500,
    },
    {
      error: 'axios `ERR_NOT_SUPPORT`, no response',
      make: async () => rejectionOf(async () => axios.get(await url('/'), { adapter: 'xhr' })),
      rule: 'upstream:axios:ERR_NOT_SUPPORT',
      status: 500,
    },
    {
      // axios throws it for a transitional option it has removed (lib/helpers/validator.js); none
      // is removed in this version, so the error is built as that validator builds it.
      error: 'axios `ERR_DEPRECATED`, no response',
      make: () =>
        new AxiosError("Transitional option 'legacyOption' has been removed", AxiosError.ERR_DEPRECATED),
      rule: 'upstream:axios:ERR_DEPRECATED',
      status: 500,
    },
    {
      error: 'axios `ERR_CANCELED` from an `AbortSignal.timeout()`',
      make: async () =>
        rejectionOf(async () => axios.get(await url('/hang'), { signal: AbortSignal.timeout(20) })),
      rule: 'upstream:axios:timeout',
      status: 504,
      retryable: true,
    },
    {
      error: 'axios, got or gaxios with a system code, e.g. `ECONNREFUSED` (see node-system)',
      make: async () => {
        const port = await closedPort()
        return rejectionOf(() => axios.get(`http://127.0.0.1:${port}/`))
      },
      rule: 'upstream:axios:ECONNREFUSED',
      status: 503,
      retryable: true,
    },
    ...statusExamples('got', 'got `HTTPError`', (target) => got(target, GOT)),
    {
      error: 'got `ERR_BODY_PARSE_FAILURE`',
      make: async () => rejectionOf(async () => got(await url('/garbage'), GOT).json()),
      rule: 'upstream:got:ERR_BODY_PARSE_FAILURE',
      status: 502,
      retryable: false,
    },
    {
      // got raises it for an error without a code on the response stream (source/core/index.ts,
      // `response.once('error')`); an error there makes Node abort the response first, which got
      // reports as ECONNRESET, so the example builds got's own class over a real request.
      error: 'got `ERR_READING_RESPONSE_STREAM`',
      make: async () => {
        const stream = got.stream(await url('/'), GOT)
        await new Promise((resolve) => stream.once('response', resolve))
        const error = new ReadError(new Error('the response stream broke'), stream as Request)
        stream.destroy()
        return error
      },
      rule: 'upstream:got:ERR_READING_RESPONSE_STREAM',
      status: 502,
      retryable: true,
    },
    {
      error: 'got `ERR_TOO_MANY_REDIRECTS`',
      make: async () => rejectionOf(async () => got(await url('/loop'), { ...GOT, maxRedirects: 1 })),
      rule: 'upstream:got:ERR_TOO_MANY_REDIRECTS',
      status: 502,
      retryable: false,
    },
    {
      // A hook of ours failed after the upstream answered: got wraps the error, which has no code.
      error: 'got `ERR_GOT_REQUEST_ERROR`',
      make: async () =>
        rejectionOf(async () =>
          got(await url('/'), {
            ...GOT,
            hooks: {
              afterResponse: [
                () => {
                  throw new Error('session store rejected the response')
                },
              ],
            },
          }),
        ),
      rule: 'upstream:got:ERR_GOT_REQUEST_ERROR',
      status: 502,
      retryable: true,
    },
    {
      error: 'got `ERR_ABORTED`',
      make: async () => rejectionOf(async () => got(await url('/hang'), { ...GOT, signal: abortSoon() })),
      rule: 'upstream:got:ERR_ABORTED',
      status: 499,
      retryable: false,
    },
    {
      error: 'got `ERR_UPLOAD`',
      make: async () => {
        const body = new Readable({
          read() {
            this.destroy(new Error('disk read failed'))
          },
        })
        return rejectionOf(async () => got.post(await url('/'), { ...GOT, body }))
      },
      rule: 'upstream:got:ERR_UPLOAD',
      status: 500,
    },
    {
      // The cache holds an entry that cannot be parsed.
      error: 'got `ERR_CACHE_ACCESS`',
      make: async () => {
        const cache = new Map<string, unknown>()
        cache.get = () => 'not json'
        return rejectionOf(async () => got(await url('/'), { ...GOT, cache }))
      },
      rule: 'upstream:got:ERR_CACHE_ACCESS',
      status: 500,
    },
    {
      // An afterResponse hook asks for a retry (say, after refreshing a token) while retries are off.
      error: 'got `ERR_RETRYING`',
      make: async () =>
        rejectionOf(async () =>
          got(await url('/'), {
            retry: { limit: 0, calculateDelay: () => 0 },
            hooks: { afterResponse: [(_response, retryWithMergedOptions) => retryWithMergedOptions({})] },
          }),
        ),
      rule: 'upstream:got:ERR_RETRYING',
      status: 500,
    },
    {
      error: 'got `TimeoutError` (`ETIMEDOUT`, or code 23 from an `AbortSignal.timeout()`)',
      make: async () =>
        rejectionOf(async () => got(await url('/hang'), { ...GOT, signal: AbortSignal.timeout(20) })),
      rule: 'upstream:got:timeout',
      status: 504,
      retryable: true,
    },
    ...statusExamples('ky', 'ky `HTTPError`', (target) => ky(target, { retry: 0 })),
    {
      error: 'ky `TimeoutError`',
      make: async () => rejectionOf(async () => ky(await url('/hang'), { retry: 0, timeout: 20 })),
      rule: 'upstream:ky:timeout',
      status: 504,
      retryable: true,
    },
    ...statusExamples(
      'undici',
      'undici `UND_ERR_RESPONSE` / `UND_ERR_RESPONSE_STATUS_CODE` / `UND_ERR_REQ_RETRY`',
      (target) => undiciRequest(target, { dispatcher: throwingDispatcher() }),
    ),
    ...statusExamples('gaxios', 'gaxios `GaxiosError`', (target) =>
      gaxiosRequest({ url: target, retry: false }),
    ),
    {
      error: 'gaxios "The operation was aborted." by its own `timeout`',
      make: async () =>
        rejectionOf(async () => gaxiosRequest({ url: await url('/hang'), timeout: 20, retry: false })),
      rule: 'upstream:gaxios:timeout',
      status: 504,
      retryable: true,
    },
    {
      error: 'gaxios "The operation was aborted." by the caller\'s signal',
      make: async () =>
        rejectionOf(async () =>
          gaxiosRequest({ url: await url('/hang'), timeout: 5000, signal: abortSoon(), retry: false }),
        ),
      rule: 'upstream:gaxios:aborted',
      status: 499,
      retryable: false,
    },
  ],
  async () => {
    await throwing?.close()
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  },
)
