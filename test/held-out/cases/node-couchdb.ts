// node-couchdb: its node-fetch requests against a scripted CouchDB on 127.0.0.1 that answers with
// the status and {error, reason} body CouchDB sends.
import NodeCouchDB from 'node-couchdb'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { type Reply, startUpstream } from './support/http-upstream.js'
import { closedPort } from './support/local.js'

const library = 'node-couchdb'

async function caught(
  reply: Reply | number,
  run: (db: NodeCouchDB) => Promise<unknown>,
  extra: { timeout?: number; auth?: { user: string; pass: string } } = {},
): Promise<unknown> {
  const upstream = typeof reply === 'number' ? undefined : await startUpstream(reply)
  const port = typeof reply === 'number' ? reply : (upstream?.port ?? 0)
  const couch = new NodeCouchDB({
    host: '127.0.0.1',
    port,
    timeout: extra.timeout ?? 5000,
    ...(extra.auth ? { auth: extra.auth } : {}),
  })
  try {
    return await rejectionOf(() => run(couch))
  } finally {
    await upstream?.close()
  }
}

const couch = (status: number, error: string, reason: string): Reply => ({
  status,
  headers: { server: 'CouchDB/3.4.2 (Erlang OTP/25)' },
  body: { error, reason },
})

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const insertUser = (db: NodeCouchDB) => db.insert('users', { _id: 'user:ada', email: 'ada@example.com' })

  cases.push({
    library,
    what: 'insert into a CouchDB whose port refuses connections: node-fetch FetchError "request to http://127.0.0.1:…/users failed, reason: connect ECONNREFUSED" (code ECONNREFUSED)',
    why: 'database unreachable (refused)',
    expect: { status: 503, retryable: true },
    error: await caught(await closedPort(), insertUser),
  })

  cases.push({
    library,
    what: 'CouchDB accepts the request and never answers; the client\'s timeout (300 ms) aborts it: node-fetch AbortError "The user aborted a request." (type aborted)',
    why: "dependency too slow (our client timeout; the abort is the library's own timer, not the client going away)",
    expect: { status: 504, retryable: true },
    error: await caught('hang', (db) => db.get('users', 'user:ada'), { timeout: 300 }),
  })

  cases.push({
    library,
    what: 'insert of a document whose _id (the client\'s username) already exists: RequestError code EDOCCONFLICT "Document insert conflict" (CouchDB 409 conflict)',
    why: "unique violation on the client's data → conflict",
    upstreamStatus: 409,
    expect: { status: 409 },
    error: await caught(couch(409, 'conflict', 'Document update conflict.'), insertUser),
  })

  cases.push({
    library,
    what: 'GET /users/:id of an id the client sent that does not exist: RequestError code EDOCMISSING "Document is not found" (CouchDB 404 not_found missing)',
    why: "not found: the document the handler looked up by the client's id",
    upstreamStatus: 404,
    expect: { status: 404 },
    error: await caught(couch(404, 'not_found', 'missing'), (db) => db.get('users', 'user:nobody')),
  })

  cases.push({
    library,
    what: 'insert with an _id the client chose that starts with an underscore: RequestError code EBADREQUEST "Invalid request body or parameters" (CouchDB 400 bad_request "Only reserved document ids may start with underscore.")',
    why: 'a malformed value from the client reached the database → 400',
    upstreamStatus: 400,
    expect: { status: 400 },
    error: await caught(
      couch(400, 'bad_request', 'Only reserved document ids may start with underscore.'),
      (db) => db.insert('users', { _id: '_ada', email: 'ada@example.com' }),
    ),
  })

  cases.push({
    library,
    what: 'insert rejected by the database\'s validate_doc_update (email missing): RequestError code EUNKNOWN "Unexpected status code while inserting document into the database: 403" (CouchDB 403 forbidden "email is required")',
    why: "well-formed but unacceptable client data, rejected by the database's validation function → validation",
    upstreamStatus: 403,
    expect: { status: 422 },
    error: await caught(couch(403, 'forbidden', 'email is required'), (db) =>
      db.insert('users', { _id: 'user:bob' }),
    ),
  })

  cases.push({
    library,
    what: 'insert with credentials CouchDB does not accept: RequestError code EUNAUTHORIZED "Write privileges required" (CouchDB 401 unauthorized)',
    why: 'a dependency rejected our credentials → misconfiguration',
    upstreamStatus: 401,
    expect: { status: 500 },
    error: await caught(couch(401, 'unauthorized', 'Name or password is incorrect.'), insertUser, {
      auth: { user: 'app', pass: 'wrong' },
    }),
  })

  cases.push({
    library,
    what: 'our code calls update() with a document that has no _rev: Error code EFIELDMISSING "Both _id and _rev fields should exist when updating the document" (no request sent)',
    why: 'our own bad argument',
    expect: { status: 500 },
    error: await caught({ status: 200, body: {} }, (db) =>
      db.update('users', { _id: 'user:ada', email: 'x' }),
    ),
  })

  cases.push({
    library,
    what: 'CouchDB fails internally: RequestError code EUNKNOWN "Unexpected status code while fetching documents from the database: 500" (CouchDB 500 unknown_error)',
    why: 'upstream 5xx → answered badly',
    upstreamStatus: 500,
    expect: { status: 502, retryable: true },
    error: await caught(couch(500, 'unknown_error', 'function_clause'), (db) => db.get('users', 'user:ada')),
  })

  cases.push({
    library,
    what: 'a node in maintenance mode answers 503: RequestError code EUNKNOWN "Unexpected status code while fetching documents from the database: 503"',
    why: 'upstream 503 → dependency unavailable',
    upstreamStatus: 503,
    expect: { status: 503, retryable: true },
    error: await caught(couch(503, 'nodedown', 'progress not possible'), (db) => db.get('users', 'user:ada')),
  })

  cases.push({
    library,
    what: 'the port answers bytes that are not HTTP and closes: node-fetch FetchError code HPE_INVALID_CONSTANT "… reason: Parse Error: Expected HTTP/, RTSP/ or ICE/"',
    why: 'dependency broke its protocol → answered badly',
    expect: { status: 502, retryable: true },
    error: await caught('garbage', (db) => db.get('users', 'user:ada')),
  })

  return cases
}
