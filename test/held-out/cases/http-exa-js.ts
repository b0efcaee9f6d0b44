import { Exa } from 'exa-js'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'exa-js'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // The SDK has no retries and no timeout option of its own: the timeout case is left out.
  const search = (baseURL: string) =>
    new Exa('exa-test-key', baseURL).search('vector databases', { numResults: 3 })
  try {
    return (
      await runMatrix({
        library,
        up,
        call: () => search(up.url),
        refused: () => search(`http://127.0.0.1:${port}`),
        timeout: () => Promise.reject(new Error('unused')),
        body: (status, message) => ({
          requestId: 'req_01',
          error: { type: status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST', code: `E${status}`, message },
        }),
        conflict: [422, 'numResults must be between 1 and 100'],
        keepsRetryAfter: { 429: false, 503: false },
        skip: [502],
        settings: 'exa.search (fetch inside, no retries)',
      })
    ).filter((c) => !c.what.startsWith("the SDK's own"))
  } finally {
    await up.close()
  }
}
