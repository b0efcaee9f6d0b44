/**
 * @novu/api (Novu's notification-infrastructure SDK, Speakeasy-generated): on sign-up a route of
 * ours triggers the `welcome-email` workflow with `novu.trigger(...)` against a loopback fake of the
 * API (`serverURL`). Typed answers reject with `ErrorDto` / `ValidationErrorDto` (NovuError, with
 * `statusCode`, `headers`, `rawResponse`), untyped ones (429, 503) with `NovuDefaultError`;
 * transport failures with `ConnectionError` / `RequestTimeoutError`.
 */
import { Novu } from '@novu/api'
import type { HeldOutCase } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runMatrix } from './support/saas-matrix.js'

const library = '@novu/api'

function novu(serverURL: string, timeoutMs?: number): Novu {
  return new Novu({
    secretKey: 'nv_sk_0123456789abcdef',
    serverURL,
    retryConfig: { strategy: 'none' },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  })
}

function welcome(client: Novu): () => Promise<unknown> {
  return () =>
    client.trigger({
      workflowId: 'welcome-email',
      to: { subscriberId: 'user_0042', email: 'ada@example.com' },
      payload: { firstName: 'Ada' },
    })
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    return await runMatrix({
      library,
      up,
      call: welcome(novu(up.url)),
      refused: welcome(novu(`http://127.0.0.1:${port}`)),
      timeout: welcome(novu(up.url, 250)),
      body: (status, message) => ({
        statusCode: status,
        timestamp: '2026-12-07T05:00:00.000Z',
        path: '/v1/events/trigger',
        message,
        ...(status === 400
          ? { type: 'PAYLOAD_VALIDATION_ERROR', errors: [{ field: 'firstName', message, value: null }] }
          : {}),
        ...(status === 422 ? { errors: { 'to.email': { messages: [message], value: 'ada@' } } } : {}),
      }),
      conflict: [409, 'A trigger with this transactionId is already in progress'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: "retryConfig { strategy: 'none' }; timeoutMs 250 where set",
    })
  } finally {
    await up.close()
  }
}
