import { createServer, type IncomingMessage } from 'node:http'
import { type Client, createClient, parseRequestParams } from 'graphql-http'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'graphql-http'

/** One query through the client, as a promise (the client is sink-based). */
function query(client: Client, source: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.subscribe({ query: source }, { next: () => {}, error: reject, complete: () => resolve(undefined) })
  })
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => resolve(body))
  })

export const collect: Collect = async () => {
  // Our server's own GraphQL route: it parses the request with graphql-http's parseRequestParams, which throws on
  // a bad request and leaves the answer to the app.
  const caught: unknown[] = []
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      try {
        await parseRequestParams({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body,
          raw: req,
          context: undefined,
        })
        res.writeHead(200).end()
      } catch (error) {
        caught.push(error)
        res.writeHead(400).end()
      }
    })()
  })
  server.keepAliveTimeout = 100
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const own = `http://127.0.0.1:${address.port}/graphql`
  const post = async (body: string): Promise<unknown> => {
    const before = caught.length
    const res = await fetch(own, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    await res.arrayBuffer()
    if (caught.length !== before + 1) throw new Error(`no error for ${body}`)
    return caught[caught.length - 1]
  }

  const up = await startUpstream()
  const client = createClient({ url: `${up.url}/graphql` })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const catalogue = '{ products(first: 5) { id name } }'
  try {
    add(
      'our GraphQL route got a truncated JSON body: parseRequestParams threw Error "Unparsable JSON body"',
      'malformed request syntax (JSON body does not parse): 400',
      { status: 400 },
      await post('{"query": "{ products { id } }"'),
    )
    add(
      'our GraphQL route got a JSON body without a query: parseRequestParams threw Error "Missing query"',
      'malformed request (no GraphQL query in the body): 400',
      { status: 400 },
      await post('{"operationName": "Catalogue"}'),
    )
    add(
      'our GraphQL route got variables as a JSON string array: parseRequestParams threw Error "Invalid variables"',
      'malformed request parameters: 400',
      { status: 400 },
      await post('{"query": "query ($id: ID!) { product(id: $id) { id } }", "variables": ["p-1"]}'),
    )
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="catalogue"' },
      body: { errors: [] },
    })
    add(
      'the catalogue GraphQL upstream answered 401: NetworkError with the Response',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => query(client, catalogue)),
      401,
    )
    up.reply({ status: 429, headers: RETRY_AFTER, body: { errors: [{ message: 'rate limited' }] } })
    add(
      'the catalogue GraphQL upstream answered 429 with Retry-After: 7: NetworkError with the Response (headers kept)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => query(client, catalogue)),
      429,
    )
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'upstream connect error' })
    add(
      'the catalogue GraphQL upstream answered 503 with Retry-After: 7: NetworkError with the Response (headers kept)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => query(client, catalogue)),
      503,
    )
    up.reply({ status: 500, body: { errors: [{ message: 'Unexpected error.' }] } })
    add(
      'the catalogue GraphQL upstream answered 500: NetworkError "Server responded with 500: Internal Server Error"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => query(client, catalogue)),
      500,
    )
    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Sign in</body></html>',
    })
    add(
      'the catalogue GraphQL upstream answered 200 text/html (a login page): Error "Unsupported response content-type"',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => query(client, catalogue)),
    )
    const refused = createClient({ url: `http://127.0.0.1:${await closedPort()}/graphql` })
    add(
      'connection refused by a closed loopback port: NetworkError "fetch failed" (the fetch error itself is dropped)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => query(refused, catalogue)),
    )
    refused.dispose()
    return cases
  } finally {
    client.dispose()
    await up.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
