/**
 * customerio-node (Customer.io's Node SDK): after checkout a route of ours sends the receipt with
 * the transactional API, `api.sendEmail(new SendEmailRequest(...))`, against a loopback fake of the
 * App API (`url`). The SDK speaks only `https.request`; the request options it spreads from the
 * client defaults carry `protocol: 'http:'` and an `http.Agent` so that it talks plain HTTP to
 * 127.0.0.1 (no certificate on loopback). Non-2xx answers reject with `CustomerIORequestError`
 * (`statusCode`, `response`); its `timeout` default only arms a socket timer nobody listens to,
 * so there is no timeout case.
 */
import { Agent } from 'node:http'
import { APIClient, SendEmailRequest } from 'customerio-node'
import type { HeldOutCase } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runMatrix } from './support/saas-matrix.js'

const library = 'customerio-node'

function api(port: number, agent: Agent): APIClient {
  return new APIClient('cio_app_api_key_0123456789', {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    protocol: 'http:',
    agent: agent as never,
  })
}

function receipt(): SendEmailRequest {
  return new SendEmailRequest({
    to: 'ada@example.com',
    transactional_message_id: 'receipt',
    identifiers: { id: 'user_0042' },
    message_data: { orderId: 'ord_0042', total: '42.00' },
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  const agent = new Agent({ keepAlive: false })
  try {
    const ok = api(up.port, agent)
    const down = api(port, agent)
    return await runMatrix({
      library,
      up,
      call: () => ok.sendEmail(receipt()),
      refused: () => down.sendEmail(receipt()),
      body: (_status, message) => ({ meta: { error: message } }),
      conflict: [422, 'transactional_message_id "receipt" has no active content'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'the SDK does not retry and has no working timeout',
    })
  } finally {
    agent.destroy()
    await up.close()
  }
}
