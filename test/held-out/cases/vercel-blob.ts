/**
 * @vercel/blob: our server stores uploads in Vercel Blob (`put`, `head`), pointed at a scripted fake
 * of the Blob API on 127.0.0.1 through `VERCEL_BLOB_API_URL`, retries off (`VERCEL_BLOB_RETRIES=0`).
 * The fake answers with the API's `{ error: { code, message } }` bodies, from which the SDK picks its
 * error class. Both variables are restored afterwards.
 */
import { BlobError, head, put } from '@vercel/blob'
import { type Expected, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { describe } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@vercel/blob'
const settings = '@vercel/blob put/head, VERCEL_BLOB_RETRIES=0'
const token = 'vercel_blob_rw_AbCdEf123456_secretpart0123456789'
const HTML = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please log in.</body></html>'

export async function collect(): Promise<HeldOutCase[]> {
  const saved = { api: process.env.VERCEL_BLOB_API_URL, retries: process.env.VERCEL_BLOB_RETRIES }
  const up = await startUpstream()
  process.env.VERCEL_BLOB_API_URL = up.url
  process.env.VERCEL_BLOB_RETRIES = '0'
  const upload = (extra: Record<string, unknown> = {}) =>
    put('avatars/user-42.png', Buffer.from('png bytes'), {
      access: 'public',
      token,
      addRandomSuffix: false,
      ...extra,
    } as Parameters<typeof put>[2])
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: Expected, error: unknown, upstreamStatus?: number) =>
    cases.push({
      library,
      what: `${what} (${describe(error)}); ${settings}`,
      why,
      ...(upstreamStatus ? { upstreamStatus } : {}),
      expect,
      error,
    })
  const answer = async (
    status: number,
    code: string | null,
    message: string,
    run: () => unknown = upload,
    headers: Record<string, string> = {},
  ) => {
    up.reply(
      code === null
        ? { status, headers: { 'content-type': 'text/html', ...headers }, body: message }
        : { status, headers, body: { error: { code, message } } },
    )
    return rejectionOf(run)
  }
  try {
    add(
      'put: Blob API answered 400 bad_request "Invalid pathname"',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await answer(400, 'bad_request', 'Invalid pathname'),
      400,
    )
    add(
      'put: Blob API answered 401 with WWW-Authenticate, code unauthorized, to our token',
      WHY.upstream401,
      UPSTREAM_401,
      await answer(401, 'unauthorized', 'Invalid token', upload, {
        'www-authenticate': 'Bearer realm="blob"',
      }),
      401,
    )
    add(
      'put: Blob API answered 403 forbidden to our read-write token (BlobAccessError)',
      `${WHY.upstream4xx} (our credentials rejected)`,
      UPSTREAM_4XX,
      await answer(403, 'forbidden', 'Access denied'),
      403,
    )
    add(
      'put: Blob API answered 404 store_not_found: the token names a deleted store (BlobStoreNotFoundError)',
      `${WHY.upstream4xx} (misconfiguration)`,
      UPSTREAM_4XX,
      await answer(404, 'store_not_found', 'This store does not exist'),
      404,
    )
    add(
      'head: Blob API answered 404 not_found for a blob URL our database still lists (BlobNotFoundError)',
      `${WHY.upstream4xx}; ambiguous (a missing resource), but the SDK call is ours and our DB is stale: upstream row`,
      UPSTREAM_4XX,
      await answer(404, 'not_found', 'The requested blob does not exist', () =>
        head(`${up.url}/avatars/user-41.png`, { token }),
      ),
      404,
    )
    add(
      'put with ifMatch: Blob API answered 412 precondition_failed, the blob changed since we read its ETag (BlobPreconditionFailedError)',
      'optimistic-concurrency conflict reported by an SDK (like S3 PreconditionFailed): 409',
      { status: 409 },
      await answer(412, 'precondition_failed', 'Precondition failed', () =>
        upload({ ifMatch: '"etag-1"', allowOverwrite: true }),
      ),
      412,
    )
    add(
      'put: Blob API answered 400 "the file length cannot be greater than 5242880" (BlobFileTooLargeError) for a file we relayed',
      `${WHY.upstream4xx}; ambiguous (the client's file was too large for our store), upstream row fits best`,
      UPSTREAM_4XX,
      await answer(400, 'bad_request', 'the file length cannot be greater than 5242880'),
      400,
    )
    add(
      'put: Blob API answered 429 rate_limited with Retry-After: 7 (BlobServiceRateLimited, retryAfter 7)',
      `${WHY.upstream429}; the error keeps the value as retryAfter`,
      UPSTREAM_429,
      await answer(429, 'rate_limited', 'Too many requests', upload, RETRY_AFTER),
      429,
    )
    add(
      'put: Blob API answered 500 internal_server_error (BlobUnknownError)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await answer(500, 'internal_server_error', 'Internal server error'),
      500,
    )
    add(
      'put: Blob API answered 502 with an HTML error page (BlobUnknownError)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await answer(502, null, '<html><body><h1>502 Bad Gateway</h1></body></html>'),
      502,
    )
    add(
      'put: Blob API answered 503 service_unavailable with Retry-After: 7, which the error drops (BlobServiceNotAvailable)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await answer(503, 'service_unavailable', 'Service unavailable', upload, RETRY_AFTER),
      503,
    )
    add(
      'put: Blob API answered 200 with an HTML login page instead of JSON',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await answer(200, null, HTML),
    )
    {
      const port = await closedPort()
      process.env.VERCEL_BLOB_API_URL = `http://127.0.0.1:${port}`
      add(
        'put: Blob API on a closed loopback port refused the connection',
        WHY.refused,
        REFUSED,
        await rejectionOf(upload),
      )
      process.env.VERCEL_BLOB_API_URL = up.url
    }
    up.reply('hang')
    add(
      'put with abortSignal: AbortSignal.timeout(250) fired on a Blob API that never answers',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => upload({ abortSignal: AbortSignal.timeout(250) })),
    )
    up.reply({ status: 200, body: {} })
    {
      const error = await rejectionOf(() =>
        put('avatars/user-42.png', 'x', { access: 'public' } as Parameters<typeof put>[2]),
      )
      add(
        'put without a token while BLOB_READ_WRITE_TOKEN is unset (misconfiguration)',
        'our misconfiguration (missing key): 500',
        { status: 500 },
        error,
      )
      if (!(error instanceof BlobError)) throw new Error('expected a BlobError')
    }
    add(
      'put called by our code with an empty pathname',
      'our own bug (bad argument to the SDK): 500',
      { status: 500 },
      await rejectionOf(() => put('', 'x', { access: 'public', token })),
    )
  } finally {
    for (const [key, value] of [
      ['VERCEL_BLOB_API_URL', saved.api],
      ['VERCEL_BLOB_RETRIES', saved.retries],
    ] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    await up.close()
  }
  return cases
}
