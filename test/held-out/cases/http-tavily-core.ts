import { tavily } from '@tavily/core'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@tavily/core'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // The SDK has no retries; its timeout option is in seconds (0.25 = 250 ms).
  const search = (apiBaseURL: string, timeout = 5) =>
    tavily({ apiKey: 'tvly-test', apiBaseURL }).search('latest postgres release notes', {
      maxResults: 3,
      timeout,
    })
  try {
    return await runMatrix({
      library,
      up,
      call: () => search(up.url),
      refused: () => search(`http://127.0.0.1:${port}`),
      timeout: () => search(up.url, 0.25),
      body: (_status, message) => ({ detail: { error: message } }),
      conflict: [422, 'Invalid request: "max_results" must be between 0 and 20'],
      keepsRetryAfter: { 429: false, 503: false },
      // Its errors are plain Errors carrying the body's message only: no status, no headers.
      silentStatuses: 'all',
      skip: [403, 502],
      settings: 'client.search (axios inside, no retries), timeout 0.25 s for the timeout case',
    })
  } finally {
    await up.close()
  }
}
