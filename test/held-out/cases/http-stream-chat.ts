import { StreamChat } from 'stream-chat'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Stream's error body: `{ code, message, StatusCode, duration, more_info }`. */
const body = (status: number, message: string) => ({
  code: status === 401 ? 5 : status === 429 ? 9 : status === 404 ? 16 : 4,
  message,
  StatusCode: status,
  duration: '0.00ms',
  more_info: 'https://getstream.io/chat/docs/api_errors_response',
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (baseURL: string) =>
    new StreamChat('k8x2m3p4q5r6', 'secret_0123456789abcdef0123456789abcdef', { baseURL, timeout: 250 })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    const cases = await runMatrix({
      library: 'stream-chat',
      up,
      call: () => client.queryUsers({ id: { $eq: 'user-1' } }),
      refused: () => down.queryUsers({ id: { $eq: 'user-1' } }),
      timeout: () => client.queryUsers({ id: { $eq: 'user-1' } }),
      body,
      conflict: [409, 'Channel with this cid already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'server-side queryUsers() with timeout 250 ms',
      skip: [403, 502, 'reset'],
    })
    // On the HTML page the SDK does not fail on the body: it crashes later on the missing `users`.
    return cases.map((c) =>
      c.error instanceof TypeError
        ? {
            ...c,
            why: `${c.why}; ambiguous: what happened is a bad upstream answer, but the value is the SDK's own TypeError (users is not iterable) with no outbound evidence (that reading would be 500)`,
          }
        : c,
    )
  } finally {
    await up.close()
  }
}
