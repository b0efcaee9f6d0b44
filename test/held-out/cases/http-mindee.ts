import { readFileSync } from 'node:fs'
import { BufferInput, Client, PathInput, product } from 'mindee'
import { Agent } from 'undici'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'mindee'

const tls = {
  key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
}

const MODEL = '8a1f2c7e-0b1d-4a53-9d0e-5c1f2a3b4c5d'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/** The v2 API's RFC 9457 error body. */
const problem = (status: number, title: string, detail: string) => ({
  status,
  title,
  detail,
  code: `${status}-001`,
})

export const collect: Collect = async () => {
  // The SDK always speaks https to MINDEE_V2_API_HOST; the loopback upstream uses the test certificate.
  const up = await startUpstream({ status: 200, body: {} }, tls)
  const dispatcher = new Agent({ connect: { ca: tls.cert }, keepAliveTimeout: 10 })
  const saved = { host: process.env.MINDEE_V2_API_HOST, timeout: process.env.MINDEE_REQUEST_TIMEOUT }
  const client = (host: string, timeout?: string) => {
    process.env.MINDEE_V2_API_HOST = host
    if (timeout === undefined) delete process.env.MINDEE_REQUEST_TIMEOUT
    else process.env.MINDEE_REQUEST_TIMEOUT = timeout
    return new Client({ apiKey: 'md_not_a_real_key', dispatcher })
  }
  const host = `127.0.0.1:${up.port}`
  const api = client(host)
  const enqueue = (c = api, input = new BufferInput({ buffer: PDF, filename: 'invoice.pdf' })) =>
    c.enqueue(product.Extraction, input, { modelId: MODEL })
  const cases: HeldOutCase[] = []
  const add = caseAdder(
    library,
    cases,
    '; the SDK (undici) has no retries, timeout from MINDEE_REQUEST_TIMEOUT',
  )
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Token' },
      body: problem(401, 'Unauthorized', 'Invalid API key.'),
    })
    add(
      'the OCR API answered 401 to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => enqueue()),
      401,
    )

    up.reply({ status: 404, body: problem(404, 'Not Found', 'Model not found.') })
    add(
      'the OCR API answered 404 for the model id in our configuration',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => enqueue()),
      404,
    )

    up.reply({
      status: 413,
      body: problem(413, 'Payload Too Large', 'The uploaded file exceeds the maximum allowed size of 50 MB.'),
    })
    add(
      'the OCR API answered 413 to the document our server sent',
      `${WHY.upstream4xx} (our call to the OCR API failed)`,
      UPSTREAM_4XX,
      await rejectionOf(() => enqueue()),
      413,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: problem(429, 'Too Many Requests', 'Rate limit reached.'),
    })
    add(
      'the OCR API answered 429 with Retry-After: 7; the error keeps only the body, so the wait is lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => enqueue()),
      429,
    )

    up.reply({ status: 500, body: problem(500, 'Internal Server Error', 'An unexpected error occurred.') })
    add('the OCR API answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => enqueue()), 500)

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    add(
      'a proxy in front of the OCR API answered 502 with an HTML page; the SDK wraps the unparsed page in ' +
        'an error whose status and title are undefined',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => enqueue()),
      502,
    )

    up.reply('reset')
    add(
      'the OCR API closed the TLS connection without an answer',
      WHY.reset,
      RESET,
      await rejectionOf(() => enqueue()),
    )

    up.reply('hang')
    add(
      "the SDK's own 1 s timeout (MINDEE_REQUEST_TIMEOUT=1) fired on an OCR API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => enqueue(client(host, '1'))),
    )

    const refused = client(`127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => enqueue(refused)),
    )

    add(
      "the client's upload, passed on with its own name notes.txt, is refused by the SDK's file-type " +
        'check before any request',
      'unsupported media type of the client upload: 415',
      { status: 415 },
      await rejectionOf(() =>
        enqueue(api, new BufferInput({ buffer: Buffer.from('plain text'), filename: 'notes.txt' })),
      ),
    )

    add(
      'our server passed the path of a stored upload that no longer exists; PathInput.init reads it (fs ENOENT)',
      'a file our server relies on is missing: ENOENT is 500',
      { status: 500 },
      await rejectionOf(() =>
        enqueue(api, new PathInput({ inputPath: '/tmp/heldout-bb-missing/scan-42.pdf' })),
      ),
    )

    add(
      'the client was built with no API key and MINDEE_V2_API_KEY unset; the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Client({ apiKey: '', dispatcher })),
    )
    return cases
  } finally {
    if (saved.host === undefined) delete process.env.MINDEE_V2_API_HOST
    else process.env.MINDEE_V2_API_HOST = saved.host
    if (saved.timeout === undefined) delete process.env.MINDEE_REQUEST_TIMEOUT
    else process.env.MINDEE_REQUEST_TIMEOUT = saved.timeout
    await dispatcher.close()
    await up.close()
  }
}
