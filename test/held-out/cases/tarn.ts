import { Pool } from 'tarn'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const pool = new Pool({
    create: async () => ({ id: 1 }),
    destroy: () => {},
    min: 0,
    max: 1,
    acquireTimeoutMillis: 50,
  })
  const held = await pool.acquire().promise
  try {
    return [
      {
        library: 'tarn',
        what: 'acquire while the only resource is held: TimeoutError "operation timed out for an unknown reason"',
        why: 'dependency too slow: acquire timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => pool.acquire().promise),
      },
    ]
  } finally {
    pool.release(held)
    await pool.destroy()
  }
}
