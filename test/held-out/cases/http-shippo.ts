import { Shippo } from 'shippo'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Shippo's error body: `{ detail }`. */
const body = (_status: number, message: string) => ({ detail: message })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (serverURL: string) =>
    new Shippo({
      apiKeyHeader: 'ShippoToken shippo_test_0123456789',
      serverURL,
      timeoutMs: 250,
      retryConfig: { strategy: 'none' },
    })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    return await runMatrix({
      library: 'shippo',
      up,
      call: () => client.addresses.get('0123456789abcdef'),
      refused: () => down.addresses.get('0123456789abcdef'),
      timeout: () => client.addresses.get('0123456789abcdef'),
      body,
      conflict: [422, 'Address is invalid: zip code does not match city'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'addresses.get() with retryConfig none, timeoutMs 250',
      skip: [403, 502, 'reset'],
    })
  } finally {
    await up.close()
  }
}
