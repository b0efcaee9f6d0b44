import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@elevenlabs/elevenlabs-js'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // maxRetries: 0 (the SDK retries 408/429/5xx twice by default); timeoutInSeconds 0.25 = 250 ms.
  const voices = (baseUrl: string, timeoutInSeconds = 5) =>
    new ElevenLabsClient({ apiKey: 'sk_test', baseUrl, maxRetries: 0, timeoutInSeconds }).voices.search({
      pageSize: 10,
    })
  try {
    return await runMatrix({
      library,
      up,
      call: () => voices(up.url),
      refused: () => voices(`http://127.0.0.1:${port}`),
      timeout: () => voices(up.url, 0.25),
      body: (status, message) =>
        status === 422
          ? { detail: [{ loc: ['query', 'page_size'], msg: message, type: 'value_error' }] }
          : { detail: { status: status >= 500 ? 'internal_error' : 'invalid_request', message } },
      conflict: [422, 'ensure this value is less than or equal to 100'],
      keepsRetryAfter: { 429: true, 503: true },
      skip: [502],
      settings: 'voices.search with maxRetries 0 (one attempt), timeoutInSeconds 0.25 for the timeout case',
    })
  } finally {
    await up.close()
  }
}
