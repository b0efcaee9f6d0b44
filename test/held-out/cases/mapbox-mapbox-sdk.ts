import mapbox from '@mapbox/mapbox-sdk'
import Geocoding from '@mapbox/mapbox-sdk/services/geocoding'
import type { Collect, HeldOutCase } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@mapbox/mapbox-sdk'

// A token of the right form ("pk." + base64url JSON payload + "." + signature), valid nowhere.
const TOKEN = 'pk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNseDBrMmFiYyJ9.c2lnbmF0dXJl'

function geocoder(origin: string) {
  return Geocoding(mapbox({ accessToken: TOKEN, origin }))
}

// The node layer sends through got with retries 0 and no timeout; the SDK has no timeout option.
const SETTINGS = 'no retries, no timeout option in the SDK'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = geocoder(up.url)
  const lookup = () => client.forwardGeocode({ query: '10 Downing Street, London', limit: 1 }).send()
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: lookup,
        refused: async () =>
          geocoder(`http://127.0.0.1:${await closedPort()}`)
            .forwardGeocode({ query: 'Paris', limit: 1 })
            .send(),
        body: (_status, message) => ({ message }),
        conflict: [422, 'Query too long - 23/20 tokens'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        // A 200 HTML page resolves as a string, whatever its content type: no error to collect.
        skip: [400, 404, 502, 'html'],
      })),
    )

    {
      let error: unknown
      try {
        mapbox({ accessToken: process.env.HELD_OUT_UNSET_MAP_TOKEN ?? '' })
      } catch (caught) {
        error = caught
      }
      cases.push({
        library,
        what: 'our server built the client from an unset token variable: Error "Cannot create a client without an access token", thrown by the factory',
        why: 'our own misconfiguration (missing API key): 500',
        expect: { status: 500 },
        error,
      })
    }

    {
      let error: unknown
      try {
        mapbox({ accessToken: 'sk_live_51Hx-a-payment-key-pasted-here' })
      } catch (caught) {
        error = caught
      }
      cases.push({
        library,
        what: 'our server was configured with another service\'s key, which the client cannot parse as its token: Error "Invalid token", thrown by the factory',
        why: 'our own misconfiguration (wrong API key): 500',
        expect: { status: 500 },
        error,
      })
    }

    {
      let error: unknown
      try {
        client.forwardGeocode({ query: 'Paris', limit: 'ten' as unknown as number })
      } catch (caught) {
        error = caught
      }
      cases.push({
        library,
        what: 'our code passed a string as "limit", which the SDK\'s parameter check refuses before sending (Error "limit must be a number."), thrown synchronously',
        why: 'programmer error in our call: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}
