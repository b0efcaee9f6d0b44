import { Dropbox } from 'dropbox'
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
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'dropbox'

// The SDK builds https://api.dropboxapi.com/2/… URLs and takes a `fetch` option: this one sends
// them to the loopback upstream. The SDK has no timeout of its own, so the timeout case gives the
// fetch an AbortSignal.timeout(250), as an application would.
const toLoopback =
  (origin: string, timeoutMs?: number): typeof fetch =>
  (input, init) =>
    fetch(String(input).replace('https://api.dropboxapi.com', origin), {
      ...init,
      ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
    })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const dbx = new Dropbox({ accessToken: 'sl.test-token', fetch: toLoopback(up.url) })
  const list = (client: Dropbox = dbx) => client.filesListFolder({ path: '/invoices' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="Dropbox-API"' },
      body: {
        error_summary: 'expired_access_token/..',
        error: { '.tag': 'expired_access_token' },
      },
    })
    cases.push({
      library,
      what: 'upstream 401 expired_access_token (DropboxResponseError, status 401, headers a fetch Headers, error the parsed body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => list()),
    })
    up.reply({
      status: 409,
      body: {
        error_summary: 'path/not_found/..',
        error: { '.tag': 'path', path: { '.tag': 'not_found' } },
      },
    })
    cases.push({
      library,
      what: "upstream 409 path/not_found, Dropbox's status for an endpoint's own errors (DropboxResponseError, status 409)",
      why: `${WHY.upstream4xx} (not a conflict of ours: the upstream's 409)`,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => list()),
    })
    up.reply({
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Error in call to API function "files/list_folder": request body: path: \'invoices\' did not match pattern',
    })
    cases.push({
      library,
      what: 'upstream 400 with a text/plain body (DropboxResponseError, status 400, error the plain string)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => list()),
    })
    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: {
        error_summary: 'too_many_requests/..',
        error: { reason: { '.tag': 'too_many_requests' }, retry_after: 7 },
      },
    })
    cases.push({
      library,
      what: 'upstream 429 too_many_requests with Retry-After: 7 (DropboxResponseError, status 429, error.error.retry_after 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => list()),
    })
    up.reply({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<html>Internal Server Error</html>',
    })
    cases.push({
      library,
      what: 'upstream 500 with an HTML body (DropboxResponseError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => list()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (DropboxResponseError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => list()),
    })
    up.reply('hang')
    const slow = new Dropbox({ accessToken: 'sl.test-token', fetch: toLoopback(up.url, 250) })
    cases.push({
      library,
      what: "the fetch's own AbortSignal.timeout(250) against a hanging upstream (the DOMException TimeoutError, passed through)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => list(slow)),
    })
    const down = new Dropbox({
      accessToken: 'sl.test-token',
      fetch: toLoopback(`http://127.0.0.1:${refusedPort}`),
    })
    cases.push({
      library,
      what: 'the API port refuses (TypeError fetch failed, cause ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => list(down)),
    })
    return cases
  } finally {
    await up.close()
  }
}
