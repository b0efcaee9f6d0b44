// The suite of http-triage/client, written once in plain JavaScript so that it runs unchanged in
// vitest against src/ (test/client/over-http.test.ts) and on Node, Bun and Deno against the packed
// package (matrix.test.mjs, under each runtime's own test runner). The answers come from a real
// loopback server built with our own fetch adapter (dogfood): `httpError(503, …, { retryAfter })`
// thrown and answered by `errorHandler()`, never hand-written JSON, except for the bodies that are
// meant to be broken.
import { httpError } from 'http-triage'
import { ProblemError, readProblem, retryDecision, withRetry } from 'http-triage/client'
import { errorHandler, notFoundHandler } from 'http-triage/fetch'

const SECRET = 'db password=hunter2'
const HUGE = 1024 * 1024

/** A problem+json body of `bytes` bytes that is not JSON, sent as a stream (no Content-Length). */
function hugeStream(bytes) {
  const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      sent += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
}

/**
 * The server's fetch handler. Routes (a `key` segment keeps each case's counter apart):
 * - `/flaky/<key>?fails=N&after=S`: 503 with `Retry-After: S` for the first N requests, then 200;
 * - `/busy/<key>?after=S`: always 503 with `Retry-After: S`;
 * - `/crash`: a plain Error, the 500 whose body says `retryable: false`;
 * - `/json-busy`: a 503 in the plain JSON format; `/garbage`, `/huge`, `/huge-length`, `/html`:
 *   bodies readProblem must survive; anything else: 404 by `notFoundHandler()`.
 */
export function createClientHandler() {
  const hits = new Map()
  const onError = errorHandler({ log: false })
  const onErrorJson = errorHandler({ log: false, format: 'json' })
  const notFound = notFoundHandler({ log: false })
  return async (request) => {
    const url = new URL(request.url)
    const [, route] = url.pathname.split('/')
    const count = (hits.get(url.pathname) ?? 0) + 1
    hits.set(url.pathname, count)
    const after = Number(url.searchParams.get('after') ?? 1)
    try {
      if (request.body) await request.arrayBuffer()
      switch (route) {
        case 'flaky':
          if (count <= Number(url.searchParams.get('fails') ?? 2)) {
            throw httpError(503, 'Busy, try again', { retryAfter: after })
          }
          return Response.json({ ok: true, count })
        case 'busy':
          throw httpError(503, 'Busy, try again', { retryAfter: after })
        case 'crash':
          throw new Error(SECRET)
        case 'json-busy':
          return onErrorJson(httpError(503, 'Busy', { retryAfter: 0 }), request)
        case 'garbage':
          return new Response('{"type":"about:blank","status":50', {
            status: 502,
            headers: { 'content-type': 'application/problem+json' },
          })
        case 'huge':
          return new Response(hugeStream(HUGE), {
            status: 502,
            headers: { 'content-type': 'application/problem+json' },
          })
        case 'huge-length':
          return new Response(new Uint8Array(HUGE).fill(32), {
            status: 502,
            headers: { 'content-type': 'application/problem+json' },
          })
        case 'html':
          return new Response('<html><body>502 Bad Gateway</body></html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          })
        default:
          return notFound(request)
      }
    } catch (error) {
      return onError(error, request)
    }
  }
}

/** `fetch` that counts its calls and keeps what each threw. */
function counting() {
  const calls = { count: 0, errors: [] }
  calls.fetch = async (input, init) => {
    calls.count++
    try {
      return await fetch(input, init)
    } catch (error) {
      calls.errors.push(error)
      throw error
    }
  }
  return calls
}

function expectEqual(label, actual, expected) {
  if (!Object.is(actual, expected)) {
    throw new Error(`${label}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(actual)}`)
  }
}

function expectTrue(label, condition, seen) {
  if (!condition) throw new Error(seen === undefined ? label : `${label} (saw ${JSON.stringify(seen)})`)
}

/** Runs `promise` and answers what it rejected with (or fails when it resolved). */
async function rejection(label, promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error(`${label}: resolved, expected a rejection`)
}

let next = 0
const key = () => `k${Date.now().toString(36)}${(next++).toString(36)}`

/** The cases, by the behaviour a user relies on. Each gets `{ url, closed }` and throws on failure. */
export const CLIENT_CASES = {
  'a GET answered 503 with Retry-After: 1 twice, then 200, returns the 200 after ≥ 2 s and 3 attempts':
    async ({ url }) => {
      const calls = counting()
      const delays = []
      const started = Date.now()
      const response = await withRetry(calls.fetch, { onRetry: ({ delay }) => delays.push(delay) })(
        `${url}/flaky/${key()}?fails=2&after=1`,
      )
      const elapsed = Date.now() - started
      expectEqual('status', response.status, 200)
      expectEqual('body', (await response.json()).count, 3)
      expectEqual('attempts', calls.count, 3)
      expectEqual('waits', JSON.stringify(delays), '[1000,1000]')
      expectTrue('waited at least 2 s', elapsed >= 2000, elapsed)
    },

  'a POST answered 503 is attempted once': async ({ url }) => {
    const calls = counting()
    const response = await withRetry(calls.fetch)(`${url}/busy/${key()}?after=0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount":100}',
    })
    expectEqual('status', response.status, 503)
    expectEqual('attempts', calls.count, 1)
    expectEqual('body left for the caller', (await response.json()).code, 'SERVICE_UNAVAILABLE')
  },

  'a POST with an Idempotency-Key is retried': async ({ url }) => {
    const calls = counting()
    const response = await withRetry(calls.fetch)(`${url}/flaky/${key()}?fails=1&after=0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'order-7f3a' },
      body: '{"amount":100}',
    })
    expectEqual('status', response.status, 200)
    expectEqual('attempts', calls.count, 2)
  },

  'a POST whose body is a stream is not retried, even with an Idempotency-Key': async ({ url }) => {
    const calls = counting()
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"amount":100}'))
        controller.close()
      },
    })
    const response = await withRetry(calls.fetch)(`${url}/busy/${key()}?after=0`, {
      method: 'POST',
      headers: { 'idempotency-key': 'order-7f3b' },
      body,
      duplex: 'half',
    })
    expectEqual('status', response.status, 503)
    expectEqual('attempts', calls.count, 1)
  },

  'a Request with a body is replayed from a clone on each retry': async ({ url }) => {
    const calls = counting()
    const request = new Request(`${url}/flaky/${key()}?fails=2&after=0`, {
      method: 'PUT',
      body: '{"name":"widget"}',
    })
    const response = await withRetry(calls.fetch)(request)
    expectEqual('status', response.status, 200)
    expectEqual('attempts', calls.count, 3)
  },

  'a GET answered 404 is attempted once; throwOnError gives a ProblemError with the request id': async ({
    url,
  }) => {
    const calls = counting()
    const response = await withRetry(calls.fetch)(`${url}/nowhere`)
    expectEqual('status', response.status, 404)
    expectEqual('attempts', calls.count, 1)
    const error = await rejection('throwOnError', withRetry(fetch, { throwOnError: true })(`${url}/nowhere`))
    expectTrue('a ProblemError', error instanceof ProblemError, String(error))
    expectEqual('name', error.name, 'ProblemError')
    expectEqual('status', error.status, 404)
    expectEqual('code', error.code, 'NOT_FOUND')
    expectEqual(
      'request id from the body and the header',
      error.requestId,
      error.response.headers.get('x-request-id'),
    )
    expectTrue('the message quotes the request id', error.message.includes(error.requestId), error.message)
    expectTrue('the message names the code', error.message.startsWith('404 NOT_FOUND'), error.message)
    expectEqual('the response body is still unread', (await error.response.json()).code, 'NOT_FOUND')
  },

  'a 500 whose body says retryable: false is attempted once, and leaks nothing': async ({ url }) => {
    const calls = counting()
    const response = await withRetry(calls.fetch)(`${url}/crash`)
    expectEqual('status', response.status, 500)
    expectEqual('attempts', calls.count, 1)
    const problem = await readProblem(response)
    expectEqual('retryable', problem?.retryable, false)
    expectTrue('no secret', !JSON.stringify(problem).includes('hunter2'), problem)
  },

  'a GET to a closed port is attempted 3 times and rejects with the network error': async ({ closed }) => {
    const calls = counting()
    const retries = []
    const error = await rejection(
      'closed port',
      withRetry(calls.fetch, { baseDelay: 20, onRetry: (event) => retries.push(event) })(closed),
    )
    expectEqual('attempts', calls.count, 3)
    expectTrue('the last network error itself', error === calls.errors.at(-1), String(error))
    expectEqual('onRetry calls', retries.length, 2)
    expectTrue(
      'onRetry gets the error',
      retries.every((event) => event.error !== undefined && !event.response),
    )
  },

  'an abort during a wait rejects at once with the caller’s reason': async ({ url }) => {
    const calls = counting()
    const controller = new AbortController()
    const reason = new Error('user navigated away')
    const started = Date.now()
    const error = await rejection(
      'abort',
      withRetry(calls.fetch, { onRetry: () => setTimeout(() => controller.abort(reason), 50) })(
        `${url}/busy/${key()}?after=30`,
        { signal: controller.signal },
      ),
    )
    const elapsed = Date.now() - started
    expectTrue('the caller’s reason', error === reason, String(error))
    expectEqual('attempts', calls.count, 1)
    expectTrue('at once, not after the 30 s wait', elapsed < 1000, elapsed)
  },

  'Retry-After: 3600 returns the response at once': async ({ url }) => {
    const calls = counting()
    const started = Date.now()
    const response = await withRetry(calls.fetch)(`${url}/busy/${key()}?after=3600`)
    const elapsed = Date.now() - started
    expectEqual('status', response.status, 503)
    expectEqual('Retry-After', response.headers.get('retry-after'), '3600')
    expectEqual('attempts', calls.count, 1)
    expectTrue('at once', elapsed < 1000, elapsed)
  },

  'readProblem reads our problem body from a clone': async ({ url }) => {
    const response = await fetch(`${url}/busy/${key()}?after=5`)
    const problem = await readProblem(response)
    expectEqual('status', problem?.status, 503)
    expectEqual('code', problem?.code, 'SERVICE_UNAVAILABLE')
    expectEqual('retryable', problem?.retryable, true)
    // A 5xx never carries the thrown message: the detail is the server's safe text.
    expectTrue(
      'a safe detail',
      typeof problem?.detail === 'string' && problem.detail !== 'Busy, try again',
      problem,
    )
    expectEqual('type', problem?.type, 'about:blank')
    expectEqual('request id', problem?.requestId, response.headers.get('x-request-id'))
    expectEqual('the caller can still read the body', (await response.json()).request_id, problem?.requestId)
  },

  'readProblem reads the plain JSON shape': async ({ url }) => {
    const response = await fetch(`${url}/json-busy`)
    const problem = await readProblem(response)
    expectEqual('title from error', problem?.title, 'Service Unavailable')
    expectTrue(
      'detail from message',
      typeof problem?.detail === 'string' && problem.detail.length > 0,
      problem,
    )
    expectEqual('code', problem?.code, 'SERVICE_UNAVAILABLE')
    expectEqual('retryable', problem?.retryable, true)
    expectEqual('request id', problem?.requestId, response.headers.get('x-request-id'))
    await response.body?.cancel()
  },

  'readProblem survives garbage, huge and non-JSON bodies': async ({ url }) => {
    for (const path of ['garbage', 'huge', 'huge-length', 'html']) {
      const response = await fetch(`${url}/${path}`)
      const started = Date.now()
      expectEqual(`${path}: readProblem`, await readProblem(response), undefined)
      expectTrue(`${path}: promptly`, Date.now() - started < 5000)
      await response.body?.cancel()
    }
    const used = await fetch(`${url}/nowhere`)
    await used.text()
    expectEqual('a body already read', await readProblem(used), undefined)
  },

  'retryDecision is the same policy as a pure function': async () => {
    const decide = (input) => retryDecision({ method: 'GET', attempt: 1, ...input })
    expectEqual('503 Retry-After: 2', decide({ status: 503, headers: { 'Retry-After': '2' } }).delay, 2000)
    expectEqual('POST 503', decide({ method: 'post', status: 503 }).retry, false)
    expectEqual(
      'POST with a key',
      decide({ method: 'POST', status: 503, requestHeaders: { 'Idempotency-Key': 'x' } }).retry,
      true,
    )
    expectEqual('404', decide({ status: 404 }).retry, false)
    expectEqual('body said no', decide({ status: 503, retryable: false }).retry, false)
    expectEqual('last attempt', decide({ status: 503, attempt: 3 }).retry, false)
    expectEqual(
      'Retry-After past maxRetryAfter',
      decide({ status: 429, headers: { 'retry-after': '61' } }).retry,
      false,
    )
    const backoff = decide({ status: 502, attempt: 2 })
    expectTrue(
      'full jitter within base × 2',
      backoff.retry && backoff.delay >= 0 && backoff.delay <= 600,
      backoff,
    )
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    expectEqual('refused', decide({ error: new TypeError('fetch failed', { cause: refused }) }).retry, true)
    const nxdomain = Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' })
    expectEqual(
      'no such host (yet)',
      decide({ error: new TypeError('fetch failed', { cause: nxdomain }) }).retry,
      true,
    )
    const expired = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' })
    expectEqual(
      'an expired certificate',
      decide({ error: new TypeError('fetch failed', { cause: expired }) }).retry,
      false,
    )
    const aborted = new AbortController()
    aborted.abort()
    expectEqual(
      'caller aborted',
      decide({ error: aborted.signal.reason, signal: aborted.signal }).retry,
      false,
    )
  },
}
