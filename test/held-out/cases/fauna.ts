// fauna (FQL v10 driver): its default Node HTTP/2 client against an h2c stand-in of the Fauna query
// API on 127.0.0.1 that answers each query with the error body and status the real service sends.
import { once } from 'node:events'
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2'
import { Client, fql } from 'fauna'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'fauna'

type Reply = (stream: ServerHttp2Stream) => void

function failure(status: number, code: string, message: string, extra: object = {}): Reply {
  return (stream) => {
    stream.respond({ ':status': status, 'content-type': 'application/json;charset=utf-8' })
    stream.end(
      JSON.stringify({
        error: { code, message, ...extra },
        summary: `error: ${message}\nat *query*:1:1`,
        txn_ts: 1765100000000000,
        stats: { compute_ops: 1, read_ops: 0, write_ops: 0, query_time_ms: 3 },
        schema_version: 0,
      }),
    )
  }
}

async function h2c(reply: Reply): Promise<{ port: number; close(): Promise<void> }> {
  const server: Http2Server = createServer()
  const streams = new Set<ServerHttp2Stream>()
  server.on('stream', (stream) => {
    streams.add(stream)
    stream.on('error', () => {})
    stream.on('close', () => streams.delete(stream))
    stream.resume()
    stream.on('end', () => reply(stream))
  })
  server.on('session', (session) => session.on('error', () => {}))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  return {
    port,
    async close() {
      for (const s of streams) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function caught(
  reply: Reply | number,
  run: (client: Client) => Promise<unknown>,
  config: { query_timeout_ms?: number; client_timeout_buffer_ms?: number } = {},
): Promise<unknown> {
  const server = typeof reply === 'number' ? undefined : await h2c(reply)
  const port = typeof reply === 'number' ? reply : (server?.port ?? 0)
  const client = new Client({
    secret: 'fnAAAAtestsecret',
    endpoint: new URL(`http://127.0.0.1:${port}`),
    max_attempts: 1,
    http2_session_idle_ms: 200,
    ...config,
  })
  try {
    return await rejectionOf(() => run(client))
  } finally {
    try {
      client.close()
    } catch {
      // Already closed by the scenario itself.
    }
    await server?.close()
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const email = 'ada@example.com'
  const createUser = (client: Client) => client.query(fql`User.create({ email: ${email} })`)

  cases.push({
    library,
    what: 'query to a Fauna endpoint whose port refuses connections: NetworkError "The network connection encountered a problem." (cause ECONNREFUSED)',
    why: 'database unreachable (refused)',
    expect: { status: 503, retryable: true },
    error: await caught(await closedPort(), createUser),
  })

  cases.push({
    library,
    what: 'Fauna endpoint accepts the HTTP/2 stream and never answers; the driver destroys it after query_timeout_ms + buffer: NetworkError (cause "Client timeout")',
    why: 'dependency too slow (our client timeout)',
    expect: { status: 504, retryable: true },
    error: await caught(() => {}, createUser, { query_timeout_ms: 300, client_timeout_buffer_ms: 200 }),
  })

  cases.push({
    library,
    what: 'User.create with an email that a unique constraint already holds: ConstraintFailureError code constraint_failure, HTTP 400, constraint_failures [{paths:[["email"]], message:"Failed unique constraint."}]',
    why: "unique violation on the client's data → conflict (upstream 400 is the database's verdict on the data, not on our request)",
    upstreamStatus: 400,
    expect: { status: 409 },
    error: await caught(
      failure(400, 'constraint_failure', 'Failed to create document in collection `User`.', {
        constraint_failures: [{ paths: [['email']], message: 'Failed unique constraint.' }],
      }),
      createUser,
    ),
  })

  cases.push({
    library,
    what: 'User.create with a negative age that a check constraint rejects: ConstraintFailureError code constraint_failure, constraint_failures [{paths:[], message:"Document failed check constraint `ageIsPositive`"}]',
    why: 'check violation on well-formed client data → validation',
    upstreamStatus: 400,
    expect: { status: 422 },
    error: await caught(
      failure(400, 'constraint_failure', 'Failed to create document in collection `User`.', {
        constraint_failures: [{ paths: [], message: 'Document failed check constraint `ageIsPositive`' }],
      }),
      (client) => client.query(fql`User.create({ email: ${email}, age: ${-3} })`),
    ),
  })

  cases.push({
    library,
    what: 'query with a secret the service does not accept: AuthenticationError code unauthorized, HTTP 401 "Access token required"',
    why: 'a dependency rejected our credentials → our misconfiguration',
    upstreamStatus: 401,
    expect: { status: 500 },
    error: await caught(failure(401, 'unauthorized', 'Access token required'), createUser),
  })

  cases.push({
    library,
    what: 'our FQL calls a method that does not exist: QueryCheckError code invalid_query, HTTP 400 "The query failed 1 validation check"',
    why: 'our own bad query',
    upstreamStatus: 400,
    expect: { status: 500 },
    error: await caught(failure(400, 'invalid_query', 'The query failed 1 validation check'), (client) =>
      client.query(fql`User.craete({ email: ${email} })`),
    ),
  })

  cases.push({
    library,
    what: 'two requests write the same document at once: ContendedTransactionError code contended_transaction, HTTP 409 "Transaction was aborted due to detection of concurrent modifications"',
    why: 'contention that a retry fixes (like a serialization failure)',
    upstreamStatus: 409,
    expect: { status: 503, retryable: true },
    error: await caught(
      failure(
        409,
        'contended_transaction',
        'Transaction was aborted due to detection of concurrent modifications to <document>',
      ),
      (client) => client.query(fql`User.byId("123")!.update({ visits: 2 })`),
    ),
  })

  cases.push({
    library,
    what: 'the database throttles us (max_attempts 1): ThrottlingError code limit_exceeded, HTTP 429 "Rate limit exceeded"',
    why: 'dependency throttling / upstream 429',
    upstreamStatus: 429,
    expect: { status: 503, retryable: true },
    error: await caught(failure(429, 'limit_exceeded', 'Rate limit exceeded'), createUser),
  })

  cases.push({
    library,
    what: 'query exceeds its query_timeout_ms on the server: QueryTimeoutError code time_out, HTTP 440 "Query exceeded the time limit"',
    why: 'statement/query timeout of the database',
    upstreamStatus: 440,
    expect: { status: 504, retryable: true },
    error: await caught(failure(440, 'time_out', 'Query exceeded the time limit of 5000 ms'), (client) =>
      client.query(fql`User.all().toArray()`),
    ),
  })

  cases.push({
    library,
    what: 'the service fails internally: ServiceInternalError code internal_error, HTTP 500',
    why: 'upstream 5xx → answered badly',
    upstreamStatus: 500,
    expect: { status: 502, retryable: true },
    error: await caught(
      failure(500, 'internal_error', 'An internal error occurred. Please try again.'),
      createUser,
    ),
  })

  cases.push({
    library,
    what: 'a proxy in front of the service answers 503 with a non-Fauna HTML body: ProtocolError httpStatus 503 "Error parsing response as JSON: SyntaxError: Unexpected token \'<\' …"',
    why: 'upstream 503 → dependency unavailable',
    upstreamStatus: 503,
    expect: { status: 503, retryable: true },
    error: await caught((stream) => {
      stream.respond({ ':status': 503, 'content-type': 'text/html' })
      stream.end('<html><body>503 Service Unavailable</body></html>')
    }, createUser),
  })

  cases.push({
    library,
    what: 'GET /users/:id looks up the client\'s id with byId(id)!: QueryRuntimeError code document_not_found, HTTP 400 "Collection `User` does not contain document with id 999."',
    why: "not found: a row the handler looked up by the client's id (like Prisma P2025); ambiguous, it arrives as an upstream 400",
    upstreamStatus: 400,
    expect: { status: 404 },
    error: await caught(
      failure(400, 'document_not_found', 'Collection `User` does not contain document with id 999.'),
      (client) => client.query(fql`User.byId(${'999'})!`),
    ),
  })

  cases.push({
    library,
    what: 'query after the client was closed (a shutdown race in our code): ClientClosedError "Your client is closed. No further requests can be issued."',
    why: 'our own bug',
    expect: { status: 500 },
    error: await caught(failure(500, 'internal_error', 'unused'), async (client) => {
      client.close()
      return client.query(fql`User.all()`)
    }),
  })

  return cases
}
