import Turbopuffer from '@turbopuffer/turbopuffer'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@turbopuffer/turbopuffer'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // maxRetries: 0 (the SDK retries 408/409/429/5xx and connection errors four times by default).
  const query = (baseURL: string, timeout = 5000) =>
    new Turbopuffer({ apiKey: 'tpuf_test', baseURL, maxRetries: 0, timeout })
      .namespace('support-articles')
      .query({ rank_by: ['vector', 'ANN', [0.1, 0.2, 0.3]], top_k: 5 })
  try {
    return await runMatrix({
      library,
      up,
      call: () => query(up.url),
      refused: () => query(`http://127.0.0.1:${port}`),
      timeout: () => query(up.url, 250),
      body: (_status, message) => ({ status: 'error', error: message }),
      conflict: [422, 'invalid rank_by: vector dimensions 3 do not match namespace dimensions 1536'],
      keepsRetryAfter: { 429: true, 503: true },
      skip: [502],
      settings: 'namespace.query with maxRetries 0 (one attempt), timeout 250 ms for the timeout case',
    })
  } finally {
    await up.close()
  }
}
