// sparkpost (SparkPost's email SDK, built on `request`) against a scripted loopback upstream: our
// server sends a password-reset email. The SDK never retries; its request options take a timeout.
import SparkPost from 'sparkpost'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'sparkpost'
const settings = 'the SDK never retries'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  const saved = process.env.SPARKPOST_API_KEY
  delete process.env.SPARKPOST_API_KEY
  try {
    const client = (origin: string): SparkPost => new SparkPost('sp-test-key', { origin })
    const send = (c: SparkPost) =>
      c.transmissions.send({
        content: { from: 'no-reply@example.com', subject: 'Reset your password', text: 'Follow the link' },
        recipients: [{ address: 'ada@example.com' }],
      })
    const cases = await runMatrix({
      library,
      up,
      call: () => send(client(up.url)),
      refused: () => send(client(`http://127.0.0.1:${port}`)),
      // The SDK's own get() passes `timeout` to `request`: the account's sending templates.
      timeout: () => client(up.url).get({ uri: 'templates', timeout: 250 }),
      body: (status: number, message: string) => ({
        errors: [{ message, code: String(1000 + status), description: message }],
      }),
      conflict: [422, 'invalid data format/type: recipients[0].address is not a valid email'],
      keepsRetryAfter: { 429: false, 503: false },
      settings,
      // `request` with json: true hands an unparsable page back as a string: no error either way.
      skipHtml: true,
    })
    {
      const error = await rejectionOf(() => client(up.url).transmissions.send())
      cases.push({
        library,
        what: `transmissions.send called without a transmission (${describe(error)})`,
        why: 'our own bug (a required argument missing): 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      const error = await rejectionOf(() => new SparkPost(undefined, { origin: up.url }))
      cases.push({
        library,
        what: `the client was built without an API key (SPARKPOST_API_KEY unset) (${describe(error)})`,
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    if (saved !== undefined) process.env.SPARKPOST_API_KEY = saved
    await up.close()
  }
}
