import { REST } from '@discordjs/rest'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@discordjs/rest'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retries: 0 (5xx and network errors are retried 3 times by default); rejectOnRateLimit makes
  // a 429 reject instead of waiting; the sweep intervals at 0 start no timers.
  const rest = (api: string) =>
    new REST({
      api,
      retries: 0,
      timeout: 2000,
      offset: 0,
      rejectOnRateLimit: () => true,
      hashSweepInterval: 0,
      handlerSweepInterval: 0,
    }).setToken('test')
  const getChannel = () => rest(up.url).get('/channels/81384788765712384')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bot realm="discord"' },
      body: { message: '401: Unauthorized', code: 0 },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our bot token (DiscordAPIError[0] with status, method, url)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getChannel),
    })

    up.reply({ status: 404, body: { message: 'Unknown Channel', code: 10003 } })
    cases.push({
      library,
      what: 'upstream answered 404 (DiscordAPIError[10003] Unknown Channel with status, method, url)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getChannel),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { message: 'You are being rate limited.', retry_after: 7, global: false },
    })
    cases.push({
      library,
      // RateLimitError keeps the wait only in milliseconds (retryAfter: 7000), so no header is asserted.
      what: 'upstream answered 429 with Retry-After: 7 (RateLimitError with retryAfter in ms, no status)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getChannel),
    })

    up.reply({ status: 500, body: { message: '500: Internal Server Error', code: 0 } })
    cases.push({
      library,
      what: 'upstream answered 500 (HTTPError with status, method, url)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getChannel),
    })

    up.reply({ status: 503, body: 'upstream connect error or disconnect/reset before headers' })
    cases.push({
      library,
      what: 'upstream answered 503 to a POST (HTTPError with status, method, url)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() =>
        rest(up.url).post('/channels/81384788765712384/messages', { body: { content: 'hi' } }),
      ),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (undici ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => rest(`http://127.0.0.1:${port}`).get('/gateway')),
    })
    return cases
  } finally {
    await up.close()
  }
}
