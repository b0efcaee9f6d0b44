import { Translator } from 'deepl-node'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { RESET, UPSTREAM_4XX, UPSTREAM_503_BARE, UPSTREAM_504, WHY } from './support/http-expect.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'deepl-node'

// maxRetries 0: one attempt, no backoff. minTimeout is the per-attempt axios timeout, in ms; the
// client never goes below its first backoff step (1 s), whatever minTimeout says.
function translator(url: string): Translator {
  return new Translator('f63c02c5-f056-4b8c-9e52-4a1f5d0d9d55', {
    serverUrl: url,
    maxRetries: 0,
    minTimeout: 250,
  })
}

const SETTINGS = 'maxRetries 0, minTimeout 250 ms (the client waits at least its 1 s backoff step)'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = translator(up.url)
  const translate = () => client.translateText('Hello, world', null, 'de')
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: translate,
        refused: async () =>
          translator(`http://127.0.0.1:${await closedPort()}`).translateText('Hi', null, 'de'),
        timeout: translate,
        timeoutNote: "the SDK's own per-attempt timeout (1 s, its first backoff step)",
        body: (_status, message) => ({ message }),
        conflict: [422, 'Value for "target_lang" not supported.'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        silentStatuses: [400, 403, 404, 422, 429, 503],
        // This API answers 403 to a bad key; the matrix's other client statuses say nothing new here.
        skip: [400, 401, 404, 422, 502, 'html'],
      })),
    )

    up.reply({ status: 456, body: { message: 'Quota Exceeded' } })
    {
      const error = await rejectionOf(translate)
      cases.push({
        library,
        what: `the translation API answered 456 (its own "quota exceeded" status) to our account (QuotaExceededError, message only); ${SETTINGS}`,
        why: WHY.upstream4xx,
        expect: UPSTREAM_4XX,
        error,
      })
    }

    up.reply({ status: 529, body: { message: 'Too many requests' } })
    {
      const error = await rejectionOf(translate)
      cases.push({
        library,
        what: `the translation API answered 529 "too many requests" (DeepLError "Unexpected status code: 529 Unknown"); ${SETTINGS}`,
        why: WHY.upstream503,
        upstreamStatus: 529,
        expect: UPSTREAM_503_BARE,
        error,
      })
    }

    up.reply({
      status: 504,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>',
    })
    {
      const error = await rejectionOf(translate)
      cases.push({
        library,
        what: `a gateway in front of the translation API answered 504 (DeepLError "Unexpected status code: 504 Gateway Timeout"); ${SETTINGS}`,
        why: WHY.upstream504,
        upstreamStatus: 504,
        expect: UPSTREAM_504,
        error,
      })
    }

    up.reply({ status: 200, body: { status: 'ok', service: 'edge-proxy' } })
    {
      const error = await rejectionOf(translate)
      cases.push({
        library,
        what: `the translation API answered 200 with JSON of another shape (no "translations" array) (DeepLError "Error parsing response JSON: …"); ${SETTINGS}`,
        why: 'upstream answered badly (a reply the client cannot read): 502',
        expect: RESET,
        error,
      })
    }

    {
      let error: unknown
      try {
        new Translator('', { serverUrl: up.url })
      } catch (caught) {
        error = caught
      }
      cases.push({
        library,
        what: 'our server built the client with an empty API key (the variable was unset): DeepLError "authKey must be a non-empty string", thrown by the constructor',
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }

    {
      const broken = new Translator('f63c02c5-f056-4b8c-9e52-4a1f5d0d9d55', {
        serverUrl: '127.0.0.1:8080/v2',
        maxRetries: 0,
      })
      const error = await rejectionOf(() => broken.translateText('Hello', null, 'de'))
      cases.push({
        library,
        what: 'our server configured a base URL without a scheme ("127.0.0.1:8080/v2"): ConnectionError "Connection failure: …" wrapping the HTTP client\'s error, no request sent',
        why: 'our own misconfiguration (bad base URL): 500',
        expect: { status: 500 },
        error,
      })
    }

    return cases
  } finally {
    await up.close()
  }
}
