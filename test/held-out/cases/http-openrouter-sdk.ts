import { OpenRouter } from '@openrouter/sdk'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@openrouter/sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // retryConfig strategy 'none' (one attempt); timeoutMs 250 for the timeout case.
  const chat = (serverURL: string, timeoutMs = 5000) =>
    new OpenRouter({
      apiKey: 'sk-or-test',
      serverURL,
      retryConfig: { strategy: 'none' },
      timeoutMs,
    }).chat.send({
      chatRequest: { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    })
  try {
    return await runMatrix({
      library,
      up,
      call: () => chat(`${up.url}/api/v1`),
      refused: () => chat(`http://127.0.0.1:${port}/api/v1`),
      timeout: () => chat(`${up.url}/api/v1`, 250),
      body: (status, message) => ({ error: { code: status, message } }),
      conflict: [409, 'A request with this idempotency key is already in progress'],
      keepsRetryAfter: { 429: true, 503: true },
      skip: [502],
      settings: 'chat.send with retryConfig none (one attempt), timeoutMs 250 for the timeout case',
    })
  } finally {
    await up.close()
  }
}
