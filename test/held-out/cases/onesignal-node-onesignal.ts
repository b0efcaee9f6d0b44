// @onesignal/node-onesignal (OpenAPI-generated push-notification SDK) against a scripted loopback
// OneSignal API: `baseServer` is a ServerConfiguration on 127.0.0.1. The SDK has no retries and no
// timeout option of its own (a plain fetch), so there is no timeout case. Errors are its
// ApiException (`code` is the HTTP status, `headers` a plain object) and RequiredError.
import * as OneSignal from '@onesignal/node-onesignal'
import type { HeldOutCase } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@onesignal/node-onesignal'
const appId = '5eb5a37e-b458-11e3-ac11-000c2940e62c'

function client(url: string) {
  return new OneSignal.DefaultApi(
    OneSignal.createConfiguration({
      restApiKey: 'os_v2_app_loopback',
      baseServer: new OneSignal.ServerConfiguration(url, {}),
    }),
  )
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const segment = {
      name: 'Subscribed Users',
      filters: [{ field: 'session_count', relation: '>', value: '1' }],
    }
    const cases = await runMatrix({
      library,
      up,
      call: () => client(up.url).createSegment(appId, segment as OneSignal.Segment),
      refused: () => client(`http://127.0.0.1:${port}`).createSegment(appId, segment as OneSignal.Segment),
      body: (_status, message) => ({ success: false, errors: [message] }),
      conflict: [409, 'Segment with this name already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'createSegment, no retries (the SDK has none and no timeout option)',
      skip: [403, 502, 'reset'],
    })
    // Our own bug: a required argument missing (appId undefined from an unset config value).
    const config: { appId?: string } = {}
    const missing = await client(up.url)
      .createSegment(config.appId as string, segment as OneSignal.Segment)
      .then(
        () => {
          throw new Error('expected a rejection')
        },
        (error: unknown) => error,
      )
    cases.push({
      library,
      what: `createSegment(undefined appId, segment): the SDK rejects before sending (${describe(missing)})`,
      why: 'our own bug (required argument missing): 500',
      expect: { status: 500 },
      error: missing,
    })
    return cases
  } finally {
    await up.close()
  }
}
