import { Readable } from 'node:stream'
import CloudConvert from 'cloudconvert'
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

const library = 'cloudconvert'

/**
 * The SDK builds its API base URL from the sandbox / region flags; this subclass sends the same
 * calls to a loopback base instead (`callWithBase` is the SDK's own public method). Presigned
 * upload URLs come from the API's answer, so uploads reach the loopback storage unchanged.
 */
function clientAt(base: string): CloudConvert {
  class Loopback extends CloudConvert {
    override call(...args: Parameters<CloudConvert['call']>): ReturnType<CloudConvert['call']> {
      const [method, route, parameters, options] = args
      return this.callWithBase(`${base}/v2/`, method, route, parameters, options)
    }
  }
  return new Loopback('not-a-real-cloudconvert-key')
}

const JOB = '6559c281-ed85-4728-80db-414561c631e9'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = clientAt(up.url)
  const cases: HeldOutCase[] = []
  const add = caseAdder(
    library,
    cases,
    '; the SDK throws Error(statusText, { cause: fetch Response }) for a non-2xx answer, has no retries and no timeout',
  )
  const getJob = (c = client) => c.jobs.get(JOB)
  const apiError = (code: string, message: string) => ({ code, message })
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="cloudconvert"' },
      body: apiError('UNAUTHENTICATED', 'Unauthenticated.'),
    })
    add(
      'the conversion API answered 401 to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getJob()),
      401,
    )

    up.reply({ status: 404, body: apiError('NOT_FOUND', 'Job not found') })
    add(
      'the conversion API answered 404 for a job id our server stored earlier',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getJob()),
      404,
    )

    up.reply({
      status: 422,
      body: {
        code: 'INVALID_DATA',
        message: 'The given data was invalid.',
        errors: { 'tasks.convert-1.output_format': ['The output format "docxx" is not supported.'] },
      },
    })
    add(
      'the conversion API answered 422 INVALID_DATA to the job template our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        client.jobs.create({
          tasks: {
            'import-1': { operation: 'import/url', url: 'https://example.com/in.pdf' },
            'convert-1': { operation: 'convert', input: 'import-1', output_format: 'docxx' },
          },
        }),
      ),
      422,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: apiError('TOO_MANY_REQUESTS', 'Too Many Attempts.') })
    add(
      'the conversion API answered 429 with Retry-After: 7 (the fetch Response in `cause` keeps its headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => getJob()),
      429,
    )

    up.reply({ status: 500, body: apiError('INTERNAL_ERROR', 'Server Error') })
    add(
      'the conversion API answered 500',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getJob()),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: apiError('MAINTENANCE', 'Service Unavailable') })
    add(
      'the conversion API answered 503 with Retry-After: 7 (kept in the Response headers of `cause`)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => getJob()),
      503,
    )

    // An import/upload task, as the API returns it, whose presigned form points at the loopback storage.
    const task = {
      id: 'c85f3ca9-7ef3-4fa6-a1e6-9e63c19a9d23',
      operation: 'import/upload' as const,
      status: 'waiting' as const,
      result: {
        form: { url: `${up.url}/storage/upload`, parameters: { expires: '1700000000', signature: 'abc' } },
      },
    }
    up.reply({
      status: 413,
      headers: { 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds ' +
        'the maximum allowed size</Message></Error>',
    })
    add(
      'the presigned upload storage answered 413 EntityTooLarge to the file our server forwarded',
      `${WHY.upstream4xx} (the upload our server made was rejected)`,
      UPSTREAM_4XX,
      await rejectionOf(() => client.tasks.upload(task as never, new Uint8Array(2048), 'scan.pdf')),
      413,
    )

    add(
      'tasks.upload was given a stream of unknown length and no fileSize; the SDK throws before any request',
      'our misuse of the SDK: 500',
      { status: 500 },
      await rejectionOf(() =>
        client.tasks.upload(task as never, Readable.from([Buffer.from('x')]), 'scan.pdf'),
      ),
    )

    add(
      'tasks.upload was given a task that is already finished; the SDK throws "The task is not ready for uploading"',
      'our misuse of the SDK: 500',
      { status: 500 },
      await rejectionOf(() =>
        client.tasks.upload({ ...task, status: 'finished' } as never, new Uint8Array(4), 'scan.pdf'),
      ),
    )

    up.reply('reset')
    add(
      'the conversion API reset the connection (TCP RST)',
      WHY.reset,
      RESET,
      await rejectionOf(() => getJob()),
    )

    const refused = clientAt(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getJob(refused)),
    )
    return cases
  } finally {
    await up.close()
  }
}
