import { createClient } from '@prismicio/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_401, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@prismicio/client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The repository name plus a loopback `documentAPIEndpoint`. A fixed `ref` skips the repository lookup, so each query is one
  // request. Notes on what is not collected:
  // - the client retries a 429 forever (after Retry-After), so there is no 429 case;
  // - it has no timeout option, and its network errors are fetch's TypeError passed through.
  const client = createClient('shop-content', {
    documentAPIEndpoint: `${up.url}/api/v2`,
    ref: 'ZxYVZRAAACQAcfqr',
    accessToken: 'not-a-real-access-token',
    fetch: globalThis.fetch,
  })
  const getPage = () => client.getByUID('page', 'home')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      body: {
        message: 'Invalid access token',
        oauth_initiate: 'https://example.prismic.io/auth',
        oauth_token: 'https://example.prismic.io/auth/token',
      },
    })
    cases.push({
      library,
      what: 'the Content API answered 401 "Invalid access token" (ForbiddenError with url and the JSON as response; no status)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 400,
      body: {
        type: 'parsing-error',
        message: '[[at(my.page.uid, "home")]] unexpected field my.page.uid',
        line: 1,
        column: 6,
        id: 5,
        location: 'query',
      },
    })
    cases.push({
      library,
      what: 'the Content API answered 400 parsing-error to our query (ParsingError with url and response)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getPage),
    })

    up.reply({ status: 403, body: { message: 'Forbidden: this release is not accessible with this token' } })
    cases.push({
      library,
      what: 'the Content API answered 403 (generic PrismicError "An invalid API response was returned", response = body text)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getPage),
    })

    up.reply({ status: 404, body: { message: 'Repository not found' } })
    cases.push({
      library,
      what: 'the repository endpoint answered 404 (RepositoryNotFoundError with url; a misconfigured repository name)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.getRepository()),
    })

    up.reply({ status: 500, body: { message: 'Internal Server Error' } })
    cases.push({
      library,
      what: 'the Content API answered 500 (generic PrismicError, no status, response = body text)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getPage),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'the CDN answered 502 with an HTML page (generic PrismicError, response = the HTML)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getPage),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'the Content API answered 503 with Retry-After: 7 (generic PrismicError, no status, no headers)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getPage),
    })
    return cases
  } finally {
    await up.close()
  }
}
