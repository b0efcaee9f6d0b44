import { retry } from 'ts-retry-promise'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

export const collect: Collect = async () => {
  const upstream = await startUpstream('hang')
  // Cancels the attempt still hanging once the retry budget ran out.
  const hung = new AbortController()
  const rates = (url: string, signal?: AbortSignal) => async () => {
    const response = await fetch(`${url}/v1/rates`, signal ? { signal } : {})
    return response.json()
  }
  try {
    const timedOut = await rejectionOf(() => retry(rates(upstream.url, hung.signal), { timeout: 300 }))
    hung.abort()
    upstream.reply('reset')
    const reset = await rejectionOf(() => retry(rates(upstream.url), { retries: 2, delay: 20 }))
    const refusing = `http://127.0.0.1:${await closedPort()}`
    const refused = await rejectionOf(() => retry(rates(refusing), { retries: 2, delay: 20 }))
    return [
      {
        library: 'ts-retry-promise',
        what: 'retry of a call to a refused upstream gives up: All retries failed, lastError fetch failed',
        why: 'dependency unavailable: refused on every attempt',
        expect: { status: 503, retryable: true },
        error: refused,
      },
      {
        library: 'ts-retry-promise',
        what: 'retry of a call to an upstream that resets every connection gives up: All retries failed',
        why: 'reset by an HTTP upstream on every attempt: 502',
        expect: { status: 502, retryable: true },
        error: reset,
      },
      {
        library: 'ts-retry-promise',
        what: 'retry of a call to an upstream that never answers: Error Timeout after 300ms',
        why: 'dependency too slow: the retry budget ran out',
        expect: { status: 504, retryable: true },
        error: timedOut,
      },
    ]
  } finally {
    hung.abort()
    await upstream.close()
  }
}
