import GhostAdminAPI from '@tryghost/admin-api'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@tryghost/admin-api'

// An Admin API key has the shape {24 hex id}:{64 hex secret}; this one is made up for the tests.
const KEY = `${'6489a1f0c2b3d4e5f6a7b8c9'}:${'0123456789abcdef'.repeat(4)}`

/** Ghost's error body: `errors[0]` carries message, type, context, id … (the SDK copies them onto an Error). */
function ghost(type: string, message: string, extra: Record<string, unknown> = {}) {
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
        id: '7f1c2e40-95a1-11ee-b9d1-0242ac120002',
        ghostErrorCode: null,
        ...extra,
      },
    ],
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const admin = (url: string) => GhostAdminAPI({ url, key: KEY, version: 'v5.0' })
  const api = admin(up.url)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; the SDK sends with axios, no retries and no timeout')
  try {
    add(
      'the Admin API client was built without a version (config left out); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => GhostAdminAPI({ url: up.url, key: KEY })),
    )
    add(
      'the Admin API key from our environment is not {id}:{secret}; the factory throws a Config Invalid error',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => GhostAdminAPI({ url: up.url, key: 'not-a-ghost-key', version: 'v5.0' })),
    )
    add(
      'posts.edit() was called without data.id; the SDK rejects before any request',
      'our call broke the SDK contract (plain Error): 500',
      { status: 500 },
      await rejectionOf(() => api.posts.edit({ title: 'Hello' })),
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="ghost"' },
      body: ghost('UnauthorizedError', 'Invalid token: invalid signature', { code: 'INVALID_JWT' }),
    })
    add(
      'Ghost answered 401 UnauthorizedError "Invalid token" to our admin JWT; the SDK throws an Error named UnauthorizedError with the body fields copied on and no status',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => api.posts.browse({ limit: 5 })),
      401,
    )

    up.reply({ status: 404, body: ghost('NotFoundError', 'Post not found.') })
    add(
      'Ghost answered 404 NotFoundError for the post id we read; the SDK throws an Error named NotFoundError, no status',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => api.posts.read({ id: '65f0c0ffee0000000000abcd' })),
      404,
    )

    up.reply({
      status: 422,
      body: ghost('ValidationError', 'Validation error, cannot save post.', {
        context: 'Value in [posts.title] exceeds maximum length of 255 characters.',
        property: 'title',
      }),
    })
    add(
      'Ghost answered 422 ValidationError to the post we created; the SDK throws an Error named ValidationError (context, property) with no status',
      `${WHY.upstream4xx}; the name ValidationError is the upstream's, not our client's input check`,
      UPSTREAM_4XX,
      await rejectionOf(() => api.posts.add({ title: 'x'.repeat(300) })),
      422,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: ghost('TooManyRequestsError', 'Too many attempts.', { context: 'Too many api requests' }),
    })
    add(
      'Ghost answered 429 TooManyRequestsError with Retry-After: 7; the SDK throws an Error named TooManyRequestsError, the header is lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => api.members.browse()),
      429,
    )

    up.reply({
      status: 500,
      body: ghost('InternalServerError', 'An unexpected error occurred, please try again.'),
    })
    add(
      'Ghost answered 500 InternalServerError; the SDK throws an Error named InternalServerError with no status',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => api.tags.browse()),
      500,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    })
    add(
      "the proxy in front of Ghost answered 502 with its HTML page; the SDK rethrows axios's error with request, config and response deleted",
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => api.posts.browse()),
      502,
    )

    up.reply('reset')
    add(
      "Ghost's host reset the connection (TCP RST); axios's error rethrown with request and config deleted",
      WHY.reset,
      RESET,
      await rejectionOf(() => api.posts.browse()),
    )

    const refused = admin(`http://127.0.0.1:${await closedPort()}`)
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
