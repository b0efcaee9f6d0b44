import { Xendit } from 'xendit-node'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Xendit's error body: `{ error_code, message }`. */
const body = (status: number, message: string) => ({
  error_code: status === 401 ? 'INVALID_API_KEY' : status >= 500 ? 'SERVER_ERROR' : 'API_VALIDATION_ERROR',
  message,
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const client = new Xendit({ secretKey: 'xnd_production_0123456789', xenditURL: up.url })
  const down = new Xendit({
    secretKey: 'xnd_production_0123456789',
    xenditURL: `http://127.0.0.1:${refusedPort}`,
  })
  try {
    return await runMatrix({
      library: 'xendit-node',
      up,
      call: () => client.Balance.getBalance({ currency: 'IDR' }),
      refused: () => down.Balance.getBalance({ currency: 'IDR' }),
      body,
      conflict: [409, 'An invoice with this external_id already exists'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'Balance.getBalance() (global fetch, no retries; the SDK has no timeout option)',
      skip: [403, 502, 'reset'],
    })
  } finally {
    await up.close()
  }
}
