import { Readable } from 'node:stream'
import { Upload, type UploadOptions } from 'tus-js-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'tus-js-client'

/** Runs one upload to its end: resolves on success, rejects with what `onError` receives. */
function send(file: Buffer | Readable, options: UploadOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(file, {
      retryDelays: null,
      ...options,
      onError: reject,
      onSuccess: () => resolve(),
    })
    upload.start()
  })
}

const VIDEO = Buffer.alloc(4096, 7)
const TUS = { 'tus-resumable': '1.0.0' }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const endpoint = `${up.url}/files/`
  const create = (file: Buffer | Readable = VIDEO, extra: UploadOptions = {}) =>
    send(file, { endpoint, metadata: { filename: 'clip-42.mp4', filetype: 'video/mp4' }, ...extra })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; retries off (retryDelays: null), no timeout')
  try {
    up.reply({ status: 401, headers: { ...TUS, 'www-authenticate': 'Bearer' }, body: 'invalid upload token' })
    add(
      'the video upload server answered 401 to the upload creation with our token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => create()),
      401,
    )

    up.reply({ status: 413, headers: TUS, body: 'upload length exceeds the maximum size of 2048 bytes' })
    add(
      'the video upload server answered 413 (Tus-Max-Size exceeded) to the upload our server created',
      `${WHY.upstream4xx} (our call to the upload server failed)`,
      UPSTREAM_4XX,
      await rejectionOf(() => create()),
      413,
    )

    up.reply({ status: 423, headers: TUS, body: 'file currently locked' })
    add(
      'resuming a stored upload URL: the upload server answered the HEAD with 423 Locked ("upload is ' +
        'currently locked; retry later")',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => send(VIDEO, { uploadUrl: `${up.url}/files/7f3a9c`, endpoint })),
      423,
    )

    up.reply({ status: 429, headers: { ...TUS, ...RETRY_AFTER }, body: 'rate limit exceeded' })
    add(
      'the video upload server answered 429 with Retry-After: 7 (the DetailedError keeps the response, ' +
        'whose getHeader reads it)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => create()),
      429,
    )

    up.reply({ status: 500, headers: TUS, body: 'internal server error' })
    add(
      'the video upload server answered 500',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => create()),
      500,
    )

    up.reply({ status: 503, headers: { ...TUS, ...RETRY_AFTER }, body: 'storage backend unavailable' })
    add(
      'the video upload server answered 503 with Retry-After: 7 (kept in the response of the DetailedError)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => create()),
      503,
    )

    up.reply({ status: 201, headers: TUS })
    add(
      'the video upload server answered 201 to the creation without a Location header ("invalid or ' +
        'missing Location header")',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => create()),
      201,
    )

    up.reply('reset')
    add(
      'the video upload server reset the connection (TCP RST) during the creation request',
      WHY.reset,
      RESET,
      await rejectionOf(() => create()),
    )

    const port = await closedPort()
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => send(VIDEO, { endpoint: `http://127.0.0.1:${port}/files/` })),
    )

    add(
      'our server passed the upload a stream without a chunkSize; the library refuses before any request',
      'our misuse of the library: 500',
      { status: 500 },
      await rejectionOf(() => create(Readable.from([VIDEO]))),
    )

    add(
      'the upload was started with neither an endpoint nor an upload URL (the setting was empty)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => send(VIDEO, { endpoint: '' })),
    )
    return cases
  } finally {
    await up.close()
  }
}
