/**
 * storyblok-js-client (Storyblok's Content Delivery API SDK): a route of ours renders a story and
 * fetches it with `client.get('cdn/stories/home')` from a loopback fake of the API (`endpoint`).
 * The client rejects with a plain object `{ message, status, response }`; transport failures and
 * its own timeout come back as `{ message }` only.
 */
import StoryblokClient from 'storyblok-js-client'
import type { HeldOutCase } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runMatrix } from './support/saas-matrix.js'

const library = 'storyblok-js-client'

function client(endpoint: string, timeout?: number): StoryblokClient {
  return new StoryblokClient({
    accessToken: 'sb-preview-token',
    endpoint,
    // `maxRetries || 10`: 1 is the fewest it takes; only a 429 is retried, once, without delay.
    maxRetries: 1,
    retriesDelay: 0,
    cache: { clear: 'manual', type: 'none' },
    ...(timeout !== undefined ? { timeout } : {}),
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const ok = client(`${up.url}/v2`)
    const slow = client(`${up.url}/v2`, 0.25)
    const down = client(`http://127.0.0.1:${port}/v2`)
    const get = (c: StoryblokClient) => () => c.get('cdn/stories/home', { version: 'draft' })
    return await runMatrix({
      library,
      up,
      call: get(ok),
      refused: get(down),
      timeout: get(slow),
      body: (_status, message) => ({ error: message }),
      conflict: [422, 'slug: has already been taken'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'maxRetries 1 (the fewest: a 429 is retried once), timeout 0.25 s where set',
    })
  } finally {
    await up.close()
  }
}
