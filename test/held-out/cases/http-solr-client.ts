import { createRequire } from 'node:module'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

// solr-client ships no typings: the little of it used here.
interface SolrClient {
  searchAsync(query: string): Promise<unknown>
  addAsync(docs: unknown): Promise<unknown>
}
interface SolrModule {
  createClient(options: {
    host: string
    port: number
    core: string
    path?: string
    request?: Record<string, unknown>
  }): SolrClient
}
const solr = createRequire(import.meta.url)('solr-client') as SolrModule

const library = 'solr-client'

/** A Solr JSON error body, as Solr 8/9 answers with wt=json. */
function solrError(status: number, msg: string, errorClass = 'org.apache.solr.common.SolrException') {
  return {
    status,
    body: {
      responseHeader: { status, QTime: 1 },
      error: { metadata: ['error-class', errorClass, 'root-error-class', errorClass], msg, code: status },
    },
  }
}

export const collect: Collect = async () => {
  // Its SolrError (via the httperror package) reads req._headers, which Node reports once on stderr
  // as DEP0066; silenced for this collector only, the errors are the same.
  const noDeprecation = process.noDeprecation === true
  process.noDeprecation = true
  const up = await startUpstream()
  const client = (port: number, request: Record<string, unknown> = {}) =>
    solr.createClient({ host: '127.0.0.1', port, core: 'products', path: '/solr', request })
  const search = () => client(up.port).searchAsync('q=title:(laptop&wt=json')
  const cases: HeldOutCase[] = []
  const add = async (
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    run: () => Promise<unknown>,
    upstreamStatus?: number,
  ) => {
    const error = await rejectionOf(run)
    const e = error as { name?: string; code?: string; statusCode?: number; message?: string }
    cases.push({
      library,
      what: `${what} (${e?.name}${e?.code ? ` code=${e.code}` : ''}${e?.statusCode ? ` statusCode=${e.statusCode}` : ''})`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
  try {
    up.reply(
      solrError(
        400,
        'org.apache.solr.search.SyntaxError: Cannot parse \'title:(laptop\': Encountered "<EOF>" at line 1, column 13.',
      ),
    )
    await add(
      'Solr answered 400 SyntaxError to the query our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      search,
      400,
    )

    up.reply({
      status: 401,
      headers: {
        'content-type': 'text/html;charset=iso-8859-1',
        'www-authenticate': 'Basic realm="solr", xBasic realm="solr"',
      },
      body: '<html><body><h2>HTTP ERROR 401 require authentication</h2></body></html>',
    })
    await add(
      'Solr answered 401 (basic auth enabled, we sent no credentials)',
      WHY.upstream401,
      UPSTREAM_401,
      search,
      401,
    )

    up.reply(
      solrError(
        429,
        'Too many requests for this request type. Please try after some time or increase the quota for this request type',
      ),
    )
    await add(
      'Solr rate limiter answered 429 (no Retry-After)',
      'upstream 429: dependency unavailable, 503',
      UPSTREAM_429_BARE,
      search,
      429,
    )

    up.reply(solrError(500, 'java.lang.OutOfMemoryError: Java heap space', 'java.lang.OutOfMemoryError'))
    await add('Solr answered 500 (OutOfMemoryError)', WHY.upstream5xx, UPSTREAM_5XX, search, 500)

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Solr Admin</body></html>',
    })
    await add(
      'Solr answered 200 with an HTML page instead of JSON: the JSON parse fails',
      'upstream answered badly (a body that is not the protocol): 502',
      { status: 502, retryable: true },
      search,
    )

    up.reply('hang')
    await add(
      'Solr accepted the query and never answered; our AbortSignal.timeout(400) on the request fired',
      'dependency too slow: our own deadline (an abort whose reason is a TimeoutError), 504',
      TIMED_OUT,
      () => client(up.port, { signal: AbortSignal.timeout(400) }).searchAsync('q=*:*&wt=json'),
    )

    up.reply('garbage')
    await add('Solr port answered bytes that are not HTTP', WHY.reset, RESET, search)

    const refusedPort = await closedPort()
    await add('Solr refused the connection', WHY.refused, REFUSED, () =>
      client(refusedPort).searchAsync('q=*:*'),
    )
  } finally {
    await up.close()
    process.noDeprecation = noDeprecation
  }
  return cases
}
