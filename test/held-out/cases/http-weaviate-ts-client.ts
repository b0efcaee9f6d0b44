import weaviateModule from 'weaviate-ts-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'weaviate-ts-client'
// Its typings describe the CommonJS build (default under `.default`); the ESM build's default is the app.
type App = typeof weaviateModule.default
const weaviate: App =
  ((weaviateModule as unknown as { default?: App }).default as App | undefined) ??
  (weaviateModule as unknown as App)
const ID = '36ddd591-2dee-4e7e-a3cc-eb86d30a4303'

/** Weaviate's REST error body. */
const weaviateError = (status: number, message: string) => ({ status, body: { error: [{ message }] } })

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client asks GET /v1/meta for the server version before object calls (and warns on stderr
  // when it cannot tell): that path answers as Weaviate 1.25 does, every other path is scripted.
  const script = (reply: { status: number; headers?: Record<string, string>; body: unknown }): void =>
    up.reply((req, res) => {
      const meta = req.url?.startsWith('/v1/meta') === true
      const status = meta ? 200 : reply.status
      const body = meta ? { hostname: 'http://[::]:8080', modules: {}, version: '1.25.4' } : reply.body
      const text = typeof body === 'string' ? body : JSON.stringify(body)
      res.writeHead(status, {
        'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
        ...(meta ? {} : reply.headers),
      })
      res.end(text)
    })
  // The REST paths only (its GraphQL path is another library's client). No timeout option exists.
  const client = (port: number) =>
    weaviate.client({
      scheme: 'http',
      host: `127.0.0.1:${port}`,
      headers: { 'X-Request-Source': 'catalog-api' },
    })
  const db = client(up.port)
  const getById = () => db.data.getterById().withClassName('Article').withId(ID).do()
  const create = () =>
    db.data.creator().withClassName('Article').withProperties({ title: 'Hello', wordCount: 'many' }).do()
  const cases: HeldOutCase[] = []
  const add = async (
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    run: () => Promise<unknown>,
    upstreamStatus?: number,
  ) => {
    const error = await rejectionOf(run)
    const e = error as { name?: string; message?: string; cause?: { code?: string } }
    cases.push({
      library,
      what: `${what} (${e?.name} "${String(e?.message).slice(0, 60)}"${e?.cause?.code ? ` cause ${e.cause.code}` : ''})`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
  try {
    script({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="weaviate"' },
      body: {
        code: 401,
        message: 'anonymous access not enabled, please provide an auth scheme such as OIDC',
      },
    })
    await add('Weaviate answered 401 to our missing API key', WHY.upstream401, UPSTREAM_401, getById, 401)

    script(
      weaviateError(
        422,
        "invalid object: invalid integer property 'wordCount' on class 'Article': requires an integer, the given value is 'many'",
      ),
    )
    await add(
      'Weaviate answered 422 to an object our server built with a wrong property type',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      create,
      422,
    )

    script(weaviateError(429, 'Too many requests'))
    await add(
      'Weaviate answered 429 (no Retry-After)',
      'upstream 429: dependency unavailable, 503',
      UPSTREAM_429_BARE,
      getById,
      429,
    )

    script(
      weaviateError(500, 'put object: import into index article: shard article_XGz7: store is read-only'),
    )
    await add('Weaviate answered 500', WHY.upstream5xx, UPSTREAM_5XX, create, 500)

    script({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Bad gateway page</body></html>',
    })
    await add(
      'a proxy answered 200 with an HTML page instead of JSON: res.json() fails',
      'upstream answered badly (a body that is not the protocol): 502',
      { status: 502, retryable: true },
      getById,
    )

    const refused = client(await closedPort())
    // The schema getter: an object call would first fail its version check and warn on stderr.
    await add('Weaviate refused the connection (schema getter)', WHY.refused, REFUSED, () =>
      refused.schema.getter().do(),
    )

    await add(
      'getterById without withClassName/withId (our bug)',
      'our own bug: a builder call missing required fields, 500',
      { status: 500 },
      () => db.data.getterById().do(),
    )
  } finally {
    await up.close()
  }
  return cases
}
