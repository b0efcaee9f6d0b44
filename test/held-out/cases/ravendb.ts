import { DocumentStore } from 'ravendb'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'ravendb'

/** A RavenDB error body: the server's exception type and message. */
const ravenError = (type: string, message: string) => ({
  Url: '/databases/shop/docs',
  Type: type,
  Message: message,
  Error: `${type}: ${message}\n   at Raven.Server.Documents.Handlers`,
})

// The RavenDB Node client 7 against a scripted RavenDB node on 127.0.0.1 (topology updates off:
// one node). The server answers errors as JSON with the .NET exception type; the client rebuilds
// an Error whose `name` is that type (ConcurrencyException, DatabaseDoesNotExistException …).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const up = await startUpstream()
  const open = (url: string) => {
    const store = new DocumentStore(url, 'shop')
    store.conventions.disableTopologyUpdates = true
    store.conventions.requestTimeout = 300
    store.initialize()
    return store
  }
  const store = open(up.url)
  const load = () => store.openSession().load('orders/1-A')
  const save = async () => {
    const session = store.openSession()
    session.advanced.useOptimisticConcurrency = true
    await session.store({ status: 'shipped' }, 'orders/1-A')
    await session.saveChanges()
  }
  const fail = (status: number, type: string, message: string) =>
    up.reply({ status, body: ravenError(type, message) })
  try {
    fail(
      409,
      'Raven.Client.Exceptions.ConcurrencyException',
      'Document orders/1-A has change vector A:7-abc, but Put was called with expecting new document',
    )
    add(
      'client edits an order another request changed meanwhile (optimistic concurrency): 409',
      'optimistic-concurrency conflict reported by the database: 409',
      { status: 409 },
      await rejectionOf(save),
      409,
    )
    fail(
      503,
      'Raven.Client.Exceptions.Database.DatabaseDoesNotExistException',
      "Database 'shop' was not found",
    )
    add(
      'our store names a database that does not exist on the node: 503 DatabaseDoesNotExistException',
      'our misconfiguration: 500',
      { status: 500 },
      await rejectionOf(load),
      503,
    )
    fail(503, 'Raven.Client.Exceptions.Database.DatabaseDisabledException', "Database 'shop' is disabled")
    add(
      'database disabled by the operator: 503 DatabaseDisabledException',
      'dependency unavailable: 503',
      UPSTREAM_503_BARE,
      await rejectionOf(load),
      503,
    )
    fail(
      403,
      'Raven.Client.Exceptions.Security.AuthorizationException',
      "Forbidden access to db 'shop', certificate has no access",
    )
    add(
      'our client certificate has no access to the database: 403 AuthorizationException',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(load),
      403,
    )
    fail(400, 'Raven.Client.Exceptions.InvalidQueryException', "Expected end of query but got: 'wher'")
    add(
      'our RQL has a syntax error: 400 InvalidQueryException',
      'our bad query: 500',
      { status: 500 },
      await rejectionOf(() => store.openSession().advanced.rawQuery('from Orders wher Status = "x"').all()),
      400,
    )
    fail(500, 'System.InvalidOperationException', 'Voron: the journal is corrupted')
    add('node fails with 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(load), 500)
    up.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '<html>proxy</html>' })
    add(
      'a proxy answers 200 with an HTML page instead of the node',
      'garbage reply from the upstream: 502',
      RESET,
      await rejectionOf(load),
    )
    up.reply('hang')
    add(
      'node accepts and never answers, requestTimeout 300 ms',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(load),
    )
    up.reply('reset')
    add('node resets the connection mid-request', WHY.reset, RESET, await rejectionOf(load))
    up.reply({ status: 200, body: {} })
    const session = store.openSession()
    session.advanced.maxNumberOfRequestsPerSession = 1
    await session.load('orders/1-A').catch(() => undefined)
    add(
      'our handler makes more requests on one session than its limit',
      'our bug: 500',
      { status: 500 },
      await rejectionOf(() => session.load('orders/2-A')),
    )
  } finally {
    store.dispose()
    await up.close()
  }
  const port = await closedPort()
  const down = open(`http://127.0.0.1:${port}`)
  try {
    add(
      'RavenDB node not running: connection refused',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => down.openSession().load('orders/1-A')),
    )
  } finally {
    down.dispose()
  }
  return cases
}
