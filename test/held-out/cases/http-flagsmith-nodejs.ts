import { Flagsmith } from 'flagsmith-nodejs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'flagsmith-nodejs'

function flagsmith(url: string): Flagsmith {
  // retries: 0 turns its retry loop off; no defaultFlagHandler, so failures are thrown.
  return new Flagsmith({
    environmentKey: 'ser.not-a-real-server-key',
    apiUrl: `${url}/api/v1/`,
    retries: 0,
    requestTimeoutSeconds: 0.25,
    enableAnalytics: false,
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = flagsmith(up.url)
  const envFlags = () => client.getEnvironmentFlags()
  const identityFlags = () => client.getIdentityFlags('user-42', { plan: 'pro' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: { detail: 'Invalid or missing Environment Key' } })
    cases.push({
      library,
      what: 'Flagsmith answered 401 to our environment key (plain Error "getEnvironmentFlags failed and no default flag handler was provided", cause FlagsmithAPIError "… Response status code: 401")',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(envFlags),
    })

    up.reply({ status: 403, body: { detail: 'You do not have permission to perform this action.' } })
    cases.push({
      library,
      what: 'Flagsmith answered 403 to getIdentityFlags (plain Error wrapping FlagsmithAPIError "… status code: 403")',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(identityFlags),
    })

    up.reply({ status: 404, body: { detail: 'Not found.' } })
    cases.push({
      library,
      what: 'Flagsmith answered 404 (plain Error wrapping FlagsmithAPIError "… status code: 404")',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(envFlags),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { detail: 'Request was throttled. Expected available in 7 seconds.' },
    })
    cases.push({
      library,
      what: 'Flagsmith answered 429 with Retry-After: 7 (plain Error wrapping FlagsmithAPIError "… status code: 429"; no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(envFlags),
    })

    up.reply({ status: 500, body: { detail: 'Internal Server Error' } })
    cases.push({
      library,
      what: 'Flagsmith answered 500 (plain Error wrapping FlagsmithAPIError "… status code: 500")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(envFlags),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy answered 502 with an HTML page (plain Error wrapping FlagsmithAPIError "… status code: 502")',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(envFlags),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'Flagsmith answered 503 with Retry-After: 7 (plain Error wrapping FlagsmithAPIError "… status code: 503"; no headers kept)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(envFlags),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (plain Error wrapping AbortSignal.timeout's TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(envFlags),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the Flagsmith host reset the connection (plain Error wrapping fetch\'s TypeError "fetch failed", ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(envFlags),
    })

    const offline = flagsmith(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (plain Error wrapping fetch\'s TypeError "fetch failed", ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.getEnvironmentFlags()),
    })
    await client.close()
    await offline.close()
    return cases
  } finally {
    await up.close()
  }
}
