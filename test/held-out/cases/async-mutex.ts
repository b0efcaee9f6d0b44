import { Mutex, withTimeout } from 'async-mutex'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const mutex = withTimeout(new Mutex(), 30)
  const release = await mutex.acquire()
  try {
    return [
      {
        library: 'async-mutex',
        what: 'withTimeout(Mutex, 30).acquire() while another request holds the lock: E_TIMEOUT',
        why: 'contention that a retry fixes: lock wait timeout (like mysql 1205)',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => mutex.acquire()),
      },
    ]
  } finally {
    release()
  }
}
