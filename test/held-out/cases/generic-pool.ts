import genericPool from 'generic-pool'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const pool = genericPool.createPool(
    { create: async () => ({ id: 1 }), destroy: async () => {} },
    { max: 1, acquireTimeoutMillis: 50, maxWaitingClients: 1 },
  )
  const held = await pool.acquire()
  try {
    const waiting = rejectionOf(() => pool.acquire())
    const overflow = await rejectionOf(() => pool.acquire())
    return [
      {
        library: 'generic-pool',
        what: 'acquire while the only resource is held and the wait queue is full: "max waitingClients count exceeded"',
        why: 'dependency unavailable: pool exhausted',
        expect: { status: 503, retryable: true },
        error: overflow,
      },
      {
        library: 'generic-pool',
        what: 'acquire while the only resource is held for longer than acquireTimeoutMillis: TimeoutError',
        why: 'dependency too slow: acquire timeout',
        expect: { status: 504, retryable: true },
        error: await waiting,
      },
    ]
  } finally {
    await pool.release(held)
    await pool.drain()
    await pool.clear()
  }
}
