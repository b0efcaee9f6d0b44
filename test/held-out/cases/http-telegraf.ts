import { Telegram } from 'telegraf'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'telegraf'

// The Bot API answers an error as { ok: false, error_code, description, parameters? }.
const failed = (error_code: number, description: string, parameters?: object) => ({
  ok: false,
  error_code,
  description,
  ...(parameters ? { parameters } : {}),
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Telegraf never retries a call; apiRoot points it at the loopback upstream.
  const telegram = new Telegram('123456:test-token', { apiRoot: up.url })
  const send = () => telegram.sendMessage(42, 'hello')
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: failed(401, 'Unauthorized') })
    cases.push({
      library,
      what: "upstream answered 401 to our bot token (TelegramError '401: Unauthorized', code getter 401)",
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => telegram.getMe()),
    })

    up.reply({ status: 400, body: failed(400, 'Bad Request: chat not found') })
    cases.push({
      library,
      what: 'upstream answered 400 chat not found to our sendMessage (TelegramError, on.method)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({ status: 403, body: failed(403, 'Forbidden: bot was blocked by the user') })
    cases.push({
      library,
      what: 'upstream answered 403 bot was blocked by the user (TelegramError)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 429,
      body: failed(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
    })
    cases.push({
      library,
      what: 'upstream answered 429 with parameters.retry_after 7 in the body, no header (TelegramError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(send),
    })

    up.reply({ status: 502, body: '<html><body>502 Bad Gateway</body></html>' })
    cases.push({
      library,
      what: "upstream answered 502 with an HTML body (TelegramError '502: Bad Gateway' from the status line)",
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(send),
    })

    up.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: "upstream answered 503 (TelegramError '503: Service Unavailable')",
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(send),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after our request (node-fetch FetchError, code ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(send),
    })

    const port = await closedPort()
    const nowhere = new Telegram('123456:test-token', { apiRoot: `http://127.0.0.1:${port}` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (node-fetch FetchError, code ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => nowhere.getMe()),
    })
    return cases
  } finally {
    await up.close()
  }
}
