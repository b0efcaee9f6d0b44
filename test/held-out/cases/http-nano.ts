import nano from 'nano'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'nano'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // nano has no retries, and no timeout of its own (only an undici Agent passed in agentOptions):
  // no timeout case. Its error is a plain Error (name 'Error') with statusCode, request, headers
  // (the response headers do not survive: a Headers object spread into an object is empty), and
  // the body's fields copied on top.
  const couch = (url: string) => nano({ url, log: () => {} })
  const db = couch(`http://admin:secret@127.0.0.1:${up.port}`).use<{ title: string }>('tasks')
  const get = () => db.get('task-1')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="server"' },
      body: { error: 'unauthorized', reason: 'Name or password is incorrect.' },
    })
    cases.push({
      library,
      what: 'CouchDB answered 401 unauthorized to our credentials (Error, statusCode 401, scope couch)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(get),
    })

    up.reply({ status: 404, body: { error: 'not_found', reason: 'Database does not exist.' } })
    cases.push({
      library,
      what: 'CouchDB answered 404 not_found: the database does not exist (Error, statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get),
    })

    up.reply({ status: 400, body: { error: 'bad_request', reason: 'Invalid rev format' } })
    cases.push({
      library,
      what: 'CouchDB answered 400 bad_request to the _rev we sent (Error, statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => db.destroy('task-1', 'not-a-rev')),
    })

    up.reply({ status: 409, body: { error: 'conflict', reason: 'Document update conflict.' } })
    cases.push({
      library,
      what: 'CouchDB answered 409 conflict: our _rev is stale, another writer won (Error, statusCode 409)',
      why: 'conflicts: an optimistic-concurrency conflict reported by the database (MVCC _rev)',
      upstreamStatus: 409,
      expect: { status: 409 },
      error: await rejectionOf(() => db.insert({ _id: 'task-1', _rev: '1-abc', title: 'Launch' } as never)),
    })

    up.reply({ status: 500, body: { error: 'unknown_error', reason: 'function_clause' } })
    cases.push({
      library,
      what: 'CouchDB answered 500 unknown_error (Error, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(get),
    })

    up.reply({ status: 503, body: { error: 'service_unavailable', reason: 'Service unavailable' } })
    cases.push({
      library,
      what: 'CouchDB answered 503 service_unavailable (Error, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(get),
    })

    const refused = couch(`http://127.0.0.1:${await closedPort()}`).use('tasks')
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (a bare Error "error happened in your connection. Reason: Error: connect ECONNREFUSED …", no code, no cause)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.get('task-1')),
    })
    return cases
  } finally {
    await up.close()
  }
}
