import { Readable } from 'node:stream'
import { ConvertAPI } from 'convertapi'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'convertapi'

/** ConvertAPI's error body. */
const apiError = (code: number, message: string, invalid?: Record<string, string[]>) => ({
  Code: code,
  Message: message,
  ...(invalid ? { InvalidParameters: invalid } : {}),
})

const DOCX = 'https://files.example.com/contracts/42.docx'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const make = (baseUri: string, uploadTimeout = 30) =>
    new ConvertAPI('not-a-real-convertapi-secret', { baseUri, uploadTimeout, keepAlive: false })
  const api = make(up.url)
  const convert = (c = api) => c.convert('pdf', { File: DOCX })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; axios underneath, no retries')
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: apiError(4013, 'User credentials are invalid. Please check your secret.'),
    })
    add(
      'the conversion API answered 401 to our secret (ClientError keeps the axios request and response)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => api.getUser()),
      401,
    )

    up.reply({
      status: 400,
      body: apiError(4000, 'Parameter validation error.', {
        PageRange: ['Value "1-x" is not a valid page range.'],
      }),
    })
    add(
      'the conversion API answered 400 "Parameter validation error." to a page range our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => api.convert('pdf', { File: DOCX, PageRange: '1-x' })),
      400,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: apiError(4290, 'Too many concurrent conversions.') })
    add(
      'the conversion API answered 429 with Retry-After: 7 (kept in error.response.headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => convert()),
      429,
    )

    up.reply({ status: 500, body: apiError(5001, 'Conversion failed. The document is corrupted.') })
    add(
      'the conversion API answered 500 "Conversion failed."',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => convert()),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: apiError(5030, 'Service is temporarily unavailable.'),
    })
    add(
      'the conversion API answered 503 with Retry-After: 7 (kept in error.response.headers)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => convert()),
      503,
    )

    up.reply('reset')
    add(
      'the conversion API reset the connection (TCP RST)',
      WHY.reset,
      RESET,
      await rejectionOf(() => convert()),
    )

    up.reply('hang')
    add(
      "the SDK's own upload timeout (uploadTimeout 0.25 s) fired on an upload endpoint that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() =>
        make(up.url, 0.25).upload(Readable.from([Buffer.from('%PDF-1.4')]), 'scan.pdf'),
      ),
    )

    const refused = make(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => convert(refused)),
    )

    add(
      'our server asked to convert a stored file path that no longer exists; the SDK streams it to its upload call',
      'a file our server relies on is missing: ENOENT is 500',
      { status: 500 },
      await rejectionOf(() => api.convert('pdf', { File: '/tmp/heldout-bb-missing/contract-42.docx' })),
    )

    add(
      'convert() was called without a File or Url parameter; the SDK fails while guessing the source format',
      'our misuse of the SDK: 500',
      { status: 500 },
      await rejectionOf(() => api.convert('pdf', { PageRange: '1-2' })),
    )
    return cases
  } finally {
    await up.close()
  }
}
