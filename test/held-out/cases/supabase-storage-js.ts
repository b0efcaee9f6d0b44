import { StorageClient } from '@supabase/storage-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { UPSTREAM_4XX, WHY } from './support/http-expect.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@supabase/storage-js'

const KEY = 'sb_secret_not-a-real-service-role-key'

// throwOnError(): failures are thrown instead of returned as { data, error }.
function bucket(url: string) {
  return new StorageClient(`${url}/storage/v1`, { apikey: KEY, Authorization: `Bearer ${KEY}` })
    .from('avatars')
    .throwOnError()
}

const SETTINGS =
  "throwOnError(), no retries; a 250 ms AbortSignal.timeout passed as the call's fetch parameters"

/** The storage service's error envelope: its own status as a string, beside the HTTP one. */
function storageError(status: number, message: string) {
  const error = { 401: 'Unauthorized', 404: 'not_found', 409: 'Duplicate', 429: 'too_many_requests' }
  return { statusCode: String(status), error: error[status as keyof typeof error] ?? 'internal', message }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const files = bucket(up.url)
  const list = () => files.list('users/42', { limit: 20 }, { signal: AbortSignal.timeout(250) })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: list,
        refused: async () => bucket(`http://127.0.0.1:${await closedPort()}`).list('users/42'),
        timeout: list,
        timeoutNote: "a 250 ms AbortSignal.timeout passed as the call's fetch parameters",
        body: storageError,
        conflict: [409, 'The resource already exists'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        skip: [400, 403, 502],
      })),
    )

    up.reply({
      status: 400,
      body: {
        statusCode: '403',
        error: 'Unauthorized',
        message: 'new row violates row-level security policy',
      },
    })
    {
      const error = await rejectionOf(() =>
        files.upload(
          'users/42/avatar.png',
          new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
        ),
      )
      cases.push({
        library,
        what: `the storage service answered HTTP 400 with body statusCode "403" (row-level security refused our upload) (StorageApiError, status 400, statusCode "403"); ${SETTINGS}`,
        why: WHY.upstream4xx,
        upstreamStatus: 400,
        expect: UPSTREAM_4XX,
        error,
      })
    }

    up.reply({
      status: 413,
      body: {
        statusCode: '413',
        error: 'Payload too large',
        message: 'The object exceeded the maximum allowed size',
      },
    })
    {
      const error = await rejectionOf(() =>
        files.upload('users/42/video.mp4', new Blob([new Uint8Array(64)], { type: 'video/mp4' })),
      )
      cases.push({
        library,
        what: `the storage service answered 413 to the object we uploaded (StorageApiError, status 413, statusCode "413"); ${SETTINGS}`,
        why: WHY.upstream4xx,
        upstreamStatus: 413,
        expect: UPSTREAM_4XX,
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}
