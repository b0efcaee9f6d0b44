// twitter-api-v2 (the X / Twitter API v2 client) against a scripted loopback HTTPS upstream (the
// client only speaks HTTPS): our server posts an announcement. The client trusts the loopback
// certificate through its own `httpAgent` setting. It never retries; `timeout` is a request option.
import { readFileSync } from 'node:fs'
import { Agent } from 'node:https'
import { TwitterApi } from 'twitter-api-v2'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'twitter-api-v2'
const settings = 'the client never retries (no rate-limit plugin)'

export async function collect(): Promise<HeldOutCase[]> {
  const key = readFileSync(new URL('./support/loopback-key.pem', import.meta.url))
  const cert = readFileSync(new URL('./support/loopback-cert.pem', import.meta.url))
  const up = await startUpstream({ status: 200, body: {} }, { key, cert })
  const port = await closedPort()
  const httpAgent = new Agent({ ca: cert, keepAlive: false })
  try {
    // v2.tweet(text) is v2.post('tweets', { text }); the public `prefix` option points it at the
    // loopback server (v2.cloneWithPrefix throws a TypeError in this version).
    const tweet = (base: string, timeout?: number) =>
      new TwitterApi('bearer-test-token', { httpAgent }).v2.post(
        'tweets',
        { text: 'Our status page has moved' },
        { prefix: `${base}/2/`, ...(timeout === undefined ? {} : { timeout }) },
      )
    const body = (status: number, message: string) => ({
      title: message,
      detail: message,
      type: `https://api.twitter.com/2/problems/${status}`,
      status,
    })
    const cases = await runMatrix({
      library,
      up,
      call: () => tweet(up.url),
      refused: () => tweet(`https://127.0.0.1:${port}`),
      timeout: () => tweet(up.url, 250),
      body,
      conflict: [409, 'You are not allowed to create a Tweet with duplicate content.'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    {
      // Our misconfiguration: app-only login asked of a client built with a bearer token only.
      const error = await rejectionOf(() => new TwitterApi('bearer-test-token', { httpAgent }).appLogin())
      cases.push({
        library,
        what: `appLogin() on a client built without consumer keys (${describe(error)})`,
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      // Our misconfiguration: the OAuth 2 client id was never configured.
      const error = await rejectionOf(() =>
        new TwitterApi('bearer-test-token').generateOAuth2AuthLink('https://app.example.com/callback'),
      )
      cases.push({
        library,
        what: `generateOAuth2AuthLink on a client without a client id (${describe(error)})`,
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    httpAgent.destroy()
    await up.close()
  }
}
