import Knock from '@knocklabs/node'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Knock's error body: `{ code, message, status, type }`. */
const body = (status: number, message: string) => ({
  code: status === 401 ? 'authentication_error' : 'invalid_params',
  message,
  status,
  type: status >= 500 ? 'api_error' : 'invalid_request_error',
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (baseURL: string) =>
    new Knock({ apiKey: 'sk_test_0123456789', baseURL, maxRetries: 0, timeout: 250 })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    return await runMatrix({
      library: '@knocklabs/node',
      up,
      call: () => client.users.get('user-1'),
      refused: () => down.users.get('user-1'),
      timeout: () => client.users.get('user-1'),
      body,
      conflict: [422, 'Invalid workflow trigger data: recipients is required'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'users.get() with maxRetries 0, timeout 250 ms',
      skip: [403, 502, 'reset'],
    })
  } finally {
    await up.close()
  }
}
