import Telnyx from 'telnyx'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Telnyx's error body: `{ errors: [{ code, title, detail }] }`. */
const body = (status: number, message: string) => ({
  errors: [{ code: String(10000 + status), title: message, detail: message }],
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (baseURL: string) =>
    new Telnyx({ apiKey: 'KEY0123456789_test', baseURL, maxRetries: 0, timeout: 250 })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    return await runMatrix({
      library: 'telnyx',
      up,
      call: () => client.balance.retrieve(),
      refused: () => down.balance.retrieve(),
      timeout: () => client.balance.retrieve(),
      body,
      conflict: [422, 'The destination number is not a valid E.164 number'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'balance.retrieve() with maxRetries 0, timeout 250 ms',
      skip: [403, 502, 'reset'],
    })
  } finally {
    await up.close()
  }
}
