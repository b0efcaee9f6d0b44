import GhostContentAPI from '@tryghost/content-api'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@tryghost/content-api'

// A Content API key is 26 hex characters; this one is made up for the tests.
const KEY = '22444f78447824223cefc48062'

function ghost(type: string, message: string) {
  return {
    errors: [
      {
        message,
        context: null,
        type,
        details: null,
        property: null,
        help: null,
        code: null,
        id: 'b7e3c5a0-95a2-11ee-8c1f-0242ac120002',
        ghostErrorCode: null,
      },
    ],
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const content = (url: string, key: string | null = KEY) =>
    GhostContentAPI({ url, version: 'v5.0', ...(key === null ? {} : { key }) })
  const api = content(up.url)
  const cases: HeldOutCase[] = []
  // Errors with a Ghost body become an Error named after `type`, with axios's response, request and
  // config put back on; the rest are axios's errors as is.
  const add = caseAdder(library, cases, '; the SDK sends with axios, no retries and no timeout')
  try {
    add(
      'the Content API client was built with a url that has a trailing slash (from our config); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => GhostContentAPI({ url: `${up.url}/`, key: KEY, version: 'v5.0' })),
    )
    add(
      'the Content API key was missing from our environment; the first call rejects with "Config Missing: key is required"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => content(up.url, null).posts.browse()),
    )
    add(
      'posts.read() was called with neither id nor slug; the SDK rejects before any request',
      'our call broke the SDK contract (plain Error): 500',
      { status: 500 },
      await rejectionOf(() => api.posts.read({})),
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="ghost-content"' },
      body: ghost('UnauthorizedError', 'Unknown Content API Key'),
    })
    add(
      'Ghost answered 401 UnauthorizedError "Unknown Content API Key"; the SDK throws an Error named UnauthorizedError that keeps axios\'s response',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => api.posts.browse({ limit: 3 })),
      401,
    )

    up.reply({ status: 404, body: ghost('NotFoundError', 'Resource not found') })
    add(
      "Ghost answered 404 NotFoundError for the tag slug our page asks for; an Error named NotFoundError that keeps axios's response",
      `${WHY.upstream4xx}; the name NotFoundError is the upstream's`,
      UPSTREAM_4XX,
      await rejectionOf(() => api.tags.read({ slug: 'release-notes' })),
      404,
    )

    up.reply({
      status: 429,
      headers: { 'content-type': 'text/plain', ...RETRY_AFTER },
      body: 'Too Many Requests',
    })
    add(
      "the CDN in front of Ghost answered 429 text/plain with Retry-After: 7; axios's error as is, its response keeps the header",
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => api.pages.browse()),
      429,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: ghost(
        'MaintenanceError',
        'Site is currently undergoing maintenance, please wait a moment then retry.',
      ),
    })
    add(
      "Ghost answered 503 MaintenanceError with Retry-After: 7; an Error named MaintenanceError that keeps axios's response and its headers",
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => api.authors.browse()),
      503,
    )

    const refused = content(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.posts.browse()),
    )
    return cases
  } finally {
    await up.close()
  }
}
