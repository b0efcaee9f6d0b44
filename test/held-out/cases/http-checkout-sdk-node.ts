import { Checkout } from 'checkout-sdk-node'
import type { Collect } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

/** Checkout.com's error body: `{ request_id, error_type, error_codes }`. */
const body = (status: number, message: string) => ({
  request_id: '0HL80RJLS76I7',
  error_type: status === 422 ? 'request_invalid' : 'error',
  error_codes: [message.toLowerCase().replace(/[^a-z]+/g, '_')],
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const make = (host: string) =>
    new Checkout('sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e', { host, timeout: 250, httpClient: 'axios' })
  const client = make(up.url)
  const down = make(`http://127.0.0.1:${refusedPort}`)
  try {
    return await runMatrix({
      library: 'checkout-sdk-node',
      up,
      call: () => client.payments.get('pay_mbabizu24mvu3mela5njyhpit4'),
      refused: () => down.payments.get('pay_mbabizu24mvu3mela5njyhpit4'),
      timeout: () => client.payments.get('pay_mbabizu24mvu3mela5njyhpit4'),
      body,
      conflict: [422, 'Card number invalid'],
      keepsRetryAfter: { 429: false, 503: false },
      settings:
        'payments.get() with httpClient axios, timeout 250 ms (the SDK does not retry; its default fetch client ignores the timeout)',
      skip: [403, 502, 'reset'],
      // With axios, a 200 HTML page (even labelled JSON) comes back as a string without an error.
      html: { status: 502, contentType: 'text/html' },
    })
  } finally {
    await up.close()
  }
}
