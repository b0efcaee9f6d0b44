import { createDirectus, createItem, readItems, rest, staticToken } from '@directus/sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { RESET, UPSTREAM_4XX, WHY } from './support/http-expect.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@directus/sdk'

interface Article {
  id: number
  title: string
  slug: string
}
interface Schema {
  articles: Article[]
}

// The SDK has no timeout or retry of its own: its onRequest hook adds AbortSignal.timeout(250).
function cms(url: string) {
  return createDirectus<Schema>(url)
    .with(staticToken('kx3J8-static-token-not-real'))
    .with(rest({ onRequest: (options) => ({ ...options, signal: AbortSignal.timeout(250) }) }))
}

const SETTINGS = 'no retries; a 250 ms AbortSignal.timeout added by the rest() onRequest hook'

/** The CMS's error envelope. */
function directusError(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] }
}

const CODES: Record<number, string> = {
  401: 'INVALID_CREDENTIALS',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  429: 'REQUESTS_EXCEEDED',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = cms(up.url)
  const list = () => client.request(readItems('articles', { fields: ['id', 'title'], limit: 10 }))
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: list,
        refused: async () => cms(`http://127.0.0.1:${await closedPort()}`).request(readItems('articles')),
        timeout: list,
        timeoutNote: 'a 250 ms AbortSignal.timeout passed through the onRequest hook',
        body: (status, message) => directusError(CODES[status] ?? 'INTERNAL_SERVER_ERROR', message),
        conflict: [409, 'Value for field "slug" in collection "articles" has to be unique.'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        // The CMS answers 400 for its validation and uniqueness errors: one such case follows.
        skip: [400, 404, 409, 502],
      })),
    )

    up.reply({
      status: 400,
      body: directusError(
        'RECORD_NOT_UNIQUE',
        'Value for field "slug" in collection "articles" has to be unique.',
      ),
    })
    {
      const error = await rejectionOf(() =>
        client.request(createItem('articles', { title: 'Hello', slug: 'hello' })),
      )
      cases.push({
        library,
        what: `the CMS answered 400 RECORD_NOT_UNIQUE to the item we created (a thrown plain object { errors, response }, not an Error); ${SETTINGS}`,
        why: WHY.upstream4xx,
        upstreamStatus: 400,
        expect: UPSTREAM_4XX,
        error,
      })
    }

    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"data":[{"id":1,"title":"Hel',
    })
    {
      const error = await rejectionOf(list)
      cases.push({
        library,
        what: `the CMS answered 200 with JSON cut off mid-body (a thrown plain object { errors: SyntaxError, response }); ${SETTINGS}`,
        why: 'upstream answered badly (a reply the client cannot read): 502',
        expect: RESET,
        error,
      })
    }

    {
      const error = await rejectionOf(() =>
        client.request(createItem('directus_users' as 'articles', { title: 'x', slug: 'x' })),
      )
      cases.push({
        library,
        what: 'our code called createItem on a system collection, which the SDK refuses before sending (Error "Cannot use createItem for core collections")',
        why: 'programmer error in our call: 500',
        expect: { status: 500 },
        error,
      })
    }

    {
      let error: unknown
      try {
        createDirectus<Schema>(process.env.HELD_OUT_UNSET_CMS_URL ?? '')
      } catch (caught) {
        error = caught
      }
      cases.push({
        library,
        what: 'our server built the client from an unset URL variable (""): TypeError ERR_INVALID_URL "Invalid URL", thrown by createDirectus',
        why: 'our own misconfiguration (bad base URL): 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}
