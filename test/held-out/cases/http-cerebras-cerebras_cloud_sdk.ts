import Cerebras from '@cerebras/cerebras_cloud_sdk'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@cerebras/cerebras_cloud_sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // maxRetries: 0 (the SDK retries 408/409/429/5xx and connection errors twice by default);
  // warmTCPConnection: false (else the constructor fires a request of its own).
  const client = (baseURL: string, timeout = 5000) =>
    new Cerebras({ apiKey: 'csk-test', baseURL, maxRetries: 0, timeout, warmTCPConnection: false })
  const complete = (c: Cerebras) =>
    c.chat.completions.create({
      model: 'llama3.1-8b',
      messages: [{ role: 'user', content: 'Summarise this ticket' }],
    })
  try {
    return await runMatrix({
      library,
      up,
      call: () => complete(client(up.url)),
      refused: () => complete(client(`http://127.0.0.1:${port}`)),
      timeout: () => complete(client(up.url, 250)),
      body: (status, message) => ({
        message,
        type: status >= 500 ? 'server_error' : 'invalid_request_error',
        param: '',
        code: String(status),
      }),
      conflict: [422, 'Unprocessable request: "max_tokens" must be at most 8192'],
      keepsRetryAfter: { 429: true, 503: true },
      settings:
        'chat.completions.create with maxRetries 0 (one attempt), timeout 250 ms for the timeout case',
    })
  } finally {
    await up.close()
  }
}
