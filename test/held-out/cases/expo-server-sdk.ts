/**
 * expo-server-sdk: our server sends push notifications through Expo's push API, here a scripted
 * fake on 127.0.0.1 through `EXPO_BASE_URL` (read when the module loads, so it is imported after
 * the variable is set; restored afterwards). The SDK retries only 429s (twice): `retryMinTimeout: 1`.
 * It has no timeout option, so there is no timeout case.
 */
import type { HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { describe } from './support/http-matrix.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'expo-server-sdk'
const settings = 'expo-server-sdk sendPushNotificationsAsync'

export async function collect(): Promise<HeldOutCase[]> {
  const saved = process.env.EXPO_BASE_URL
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    process.env.EXPO_BASE_URL = up.url
    const { Expo } = await import('expo-server-sdk')
    const expo = new Expo({ accessToken: 'expo-access-token-test', retryMinTimeout: 1 })
    const message = {
      to: 'ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]',
      title: 'Order shipped',
      body: 'On its way',
    }
    const send = () => expo.sendPushNotificationsAsync([message])
    const steps: [string, () => void, string, HeldOutCase['expect'], number | undefined][] = [
      [
        'Expo answered 400 with errors[0].code VALIDATION_ERROR for a message our code built',
        () =>
          up.reply({
            status: 400,
            body: { errors: [{ code: 'VALIDATION_ERROR', message: '"[0].to" must be a valid push token.' }] },
          }),
        WHY.upstream4xx,
        UPSTREAM_4XX,
        400,
      ],
      [
        'Expo answered 401 with WWW-Authenticate and errors[0].code UNAUTHORIZED to our access token',
        () =>
          up.reply({
            status: 401,
            headers: { 'www-authenticate': 'Bearer realm="exp.host"' },
            body: { errors: [{ code: 'UNAUTHORIZED', message: 'The bearer token is invalid.' }] },
          }),
        WHY.upstream401,
        UPSTREAM_401,
        401,
      ],
      [
        'Expo answered 429 with Retry-After: 7 three times (the SDK retried twice), errors[0].code TOO_MANY_REQUESTS; the header is dropped',
        () =>
          up.reply({
            status: 429,
            headers: RETRY_AFTER,
            body: { errors: [{ code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' }] },
          }),
        `${WHY.upstream429}; the value is lost in the error`,
        UPSTREAM_429_BARE,
        429,
      ],
      [
        'Expo answered 503 with Retry-After: 7 and a text body; the header is dropped',
        () =>
          up.reply({
            status: 503,
            headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
            body: 'Service Unavailable',
          }),
        `${WHY.upstream503}; the value is lost in the error`,
        UPSTREAM_503_BARE,
        503,
      ],
      [
        'Expo answered 200 with an HTML login page instead of JSON',
        () =>
          up.reply({
            status: 200,
            headers: { 'content-type': 'text/html' },
            body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>',
          }),
        'upstream answered badly (not the protocol): 502',
        RESET,
        undefined,
      ],
    ]
    for (const [what, script, why, expect, upstreamStatus] of steps) {
      script()
      const error = await rejectionOf(send)
      cases.push({
        library,
        what: `${what} (${describe(error)}); ${settings}`,
        why,
        ...(upstreamStatus ? { upstreamStatus } : {}),
        expect,
        error,
      })
    }
    // The module keeps the URL it read at load: once the fake is closed, its port refuses.
    await up.close()
    const error = await rejectionOf(send)
    cases.push({
      library,
      what: `Expo push API unreachable: its loopback port closed, connection refused (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })
  } finally {
    if (saved === undefined) delete process.env.EXPO_BASE_URL
    else process.env.EXPO_BASE_URL = saved
    await up.close()
  }
  return cases
}
