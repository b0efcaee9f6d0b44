import { createClient } from '@sanity/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@sanity/client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the client retries queries and safe methods on 429/502/503 and network errors
  // five times by default).
  const sanity = (apiHost: string) =>
    createClient({
      projectId: 'abc123xy',
      dataset: 'production',
      apiVersion: '2025-01-01',
      apiHost,
      useProjectHostname: false,
      useCdn: false,
      token: 'sk-test',
      maxRetries: 0,
      timeout: 250,
    })
  const client = sanity(up.url)
  const query = () => client.fetch('*[_type == "post" && slug.current == $slug][0]', { slug: 'hello' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="sanity"' },
      body: { statusCode: 401, error: 'Unauthorized', message: 'Session does not match project host' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (ClientError with statusCode and response)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 400,
      body: {
        error: {
          description: "expected ']' following expression",
          end: 21,
          query: '*[_type == "post"',
          start: 17,
          type: 'queryParseError',
        },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 400 queryParseError to our GROQ query (ClientError with details)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'API rate limit exceeded' },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ClientError with statusCode and response headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'An error occurred' },
    })
    cases.push({
      library,
      what: 'upstream answered 500 to a mutation (ServerError with statusCode and response)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => client.create({ _type: 'post', title: 'Hello' })),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (get-it timeout error, code ESOCKETTIMEDOUT)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(query),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => sanity(`http://127.0.0.1:${port}`).getDocument('post-1')),
    })
    return cases
  } finally {
    await up.close()
  }
}
