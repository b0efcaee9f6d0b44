import EasyPostModule from '@easypost/api'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** The package's `types/index.d.ts` re-exports everything but the default class: type the part we use. */
interface EasyPostClient {
  Shipment: { retrieve(id: string): Promise<unknown> }
}
const EasyPost = EasyPostModule as unknown as new (
  key: string,
  options: { baseUrl: string; requestMiddleware: (request: { timeout(ms: number): unknown }) => unknown },
) => EasyPostClient

/** EasyPost's error body: `{ error: { code, message, errors } }`. */
const body = (status: number, message: string) => ({
  error: { code: status === 401 ? 'APIKEY.INACTIVE' : `E.${status}`, message, errors: [] },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (base: string) =>
    new EasyPost('EZTK_test_0123456789', {
      baseUrl: `${base}/v2/`,
      // The client stores `timeout` but never applies it; its request middleware is the way.
      requestMiddleware: (request: { timeout(ms: number): unknown }) => request.timeout(250),
    })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    return await runMatrix({
      library: '@easypost/api',
      up,
      call: () => client.Shipment.retrieve('shp_0123456789'),
      refused: () => down.Shipment.retrieve('shp_0123456789'),
      timeout: () => client.Shipment.retrieve('shp_0123456789'),
      timeoutNote: "a 250 ms superagent timeout set through the client's requestMiddleware",
      body,
      conflict: [422, 'Invalid parcel dimensions'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'Shipment.retrieve() (superagent, no retries)',
      skip: [403, 502, 'reset'],
    })
  } finally {
    await up.close()
  }
}
