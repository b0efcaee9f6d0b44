const RETRYABLE = new Set([429, 502, 503, 504])
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

/**
 * fetch with retries for the statuses that say "try again", and only for idempotent requests:
 * a POST that timed out may have been carried out, so retrying it could charge a card twice.
 */
export async function fetchWithRetry(url: string, init: RequestInit = {}, attempts = 3): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase()
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init)
    if (!RETRYABLE.has(response.status) || !IDEMPOTENT.has(method) || attempt >= attempts) return response
    await response.body?.cancel() // free the connection
    await sleep(delayMs(response.headers.get('retry-after'), attempt))
  }
}

/** Retry-After (seconds or an HTTP date) when the server gave one, else exponential backoff with jitter. */
function delayMs(retryAfter: string | null, attempt: number): number {
  const cap = 30_000
  if (retryAfter !== null) {
    const seconds = Number(retryAfter)
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now()
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), cap)
  }
  return Math.random() * Math.min(cap, 250 * 2 ** attempt)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
