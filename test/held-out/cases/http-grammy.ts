import { Api } from 'grammy'
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
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'grammy'

/** The Telegram Bot API's error envelope. */
function tg(code: number, description: string, parameters?: Record<string, number>) {
  return { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // grammY's Api never retries by itself; timeoutSeconds is its own race timer.
  const api = new Api('123456:not-a-real-bot-token', { apiRoot: up.url, timeoutSeconds: 0.25 })
  const send = () => api.sendMessage(42, 'Your order shipped')
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: tg(401, 'Unauthorized') })
    cases.push({
      library,
      what: 'Bot API answered 401 Unauthorized to our bot token (GrammyError, error_code 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(send),
    })

    up.reply({ status: 403, body: tg(403, 'Forbidden: bot was blocked by the user') })
    cases.push({
      library,
      what: 'Bot API answered 403 "bot was blocked by the user" to sendMessage (GrammyError, error_code 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({ status: 400, body: tg(400, 'Bad Request: chat not found') })
    cases.push({
      library,
      what: 'Bot API answered 400 "chat not found" to sendMessage (GrammyError, error_code 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 409,
      body: tg(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    })
    cases.push({
      library,
      what: 'Bot API answered 409 Conflict to getUpdates (another bot instance polls; GrammyError, error_code 409)',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.getUpdates({ timeout: 0 })),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: tg(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
    })
    cases.push({
      library,
      what: 'Bot API answered 429 with Retry-After: 7 and parameters.retry_after 7 (GrammyError; the header is dropped, parameters kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(send),
    })

    up.reply({ status: 500, body: tg(500, 'Internal Server Error') })
    cases.push({
      library,
      what: 'Bot API answered 500 with its JSON envelope (GrammyError, error_code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy in front of the Bot API answered 502 with an HTML page (HttpError "Network request failed", wrapping the JSON parse failure)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: tg(503, 'Service Unavailable', { retry_after: 7 }),
    })
    cases.push({
      library,
      what: 'Bot API answered 503 with Retry-After: 7 and parameters.retry_after 7 (GrammyError, error_code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(send),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "grammY's own 0.25 s timeout fired (HttpError wrapping a plain Error \"Request to 'sendMessage' timed out after 0.25 seconds\")",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(send),
    })

    up.reply('reset')
    cases.push({
      library,
      what: "the Bot API host reset the connection (HttpError wrapping node-fetch's FetchError, ECONNRESET)",
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(send),
    })

    const port = await closedPort()
    const offline = new Api('123456:not-a-real-bot-token', {
      apiRoot: `http://127.0.0.1:${port}`,
      timeoutSeconds: 0.25,
    })
    cases.push({
      library,
      what: "connection refused by a closed loopback port (HttpError wrapping node-fetch's FetchError, ECONNREFUSED)",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.sendMessage(42, 'Your order shipped')),
    })
    return cases
  } finally {
    await up.close()
  }
}
