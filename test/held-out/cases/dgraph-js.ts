import * as grpc from '@grpc/grpc-js'
import * as dgraph from 'dgraph-js'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { type GrpcReply, grpcScripted } from './support/grpc-scripted.js'
import { closedPort } from './support/local.js'

const library = 'dgraph-js'
const query = '/api.Dgraph/Query'
const alter = '/api.Dgraph/Alter'
const login = '/api.Dgraph/Login'

export const collect: Collect = async () => {
  const server = await grpcScripted([
    query,
    alter,
    login,
    '/api.Dgraph/CommitOrAbort',
    '/api.Dgraph/CheckVersion',
  ])
  const refusedPort = await closedPort()
  const stubs = [
    new dgraph.DgraphClientStub(server.address, grpc.credentials.createInsecure()),
    new dgraph.DgraphClientStub(`127.0.0.1:${refusedPort}`, grpc.credentials.createInsecure()),
  ] as const
  const client = new dgraph.DgraphClient(stubs[0])
  const downClient = new dgraph.DgraphClient(stubs[1])
  const cases: HeldOutCase[] = []
  // A handler that registers the user the client posted.
  const register = (c: dgraph.DgraphClient) => {
    const mu = new dgraph.Mutation()
    mu.setSetJson({ 'dgraph.type': 'User', email: 'ada@example.test', name: 'Ada' })
    mu.setCommitNow(true)
    return c.newTxn().mutate(mu)
  }
  // A handler that reads a user by the id in the URL.
  const findUser = (options?: grpc.CallOptions) =>
    client
      .newTxn({ readOnly: true })
      .queryWithVars(
        'query u($id: string) { u(func: uid($id)) { name email } }',
        { $id: '0x2a' },
        undefined,
        options,
      )
  const scripted = async (
    path: string,
    reply: GrpcReply,
    run: () => Promise<unknown>,
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
  ) => {
    server.reply(path, reply)
    cases.push({ library, what, why, expect, error: await rejectionOf(run) })
  }
  try {
    cases.push({
      library,
      what: 'txn.mutate against a closed port: gRPC UNAVAILABLE "No connection established" (ECONNREFUSED)',
      why: 'dependency unavailable: refused',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => register(downClient)),
    })
    await scripted(
      query,
      { code: grpc.status.ABORTED, details: 'Transaction has been aborted. Please retry' },
      () => register(client),
      'txn.mutate: Dgraph answers ABORTED (a concurrent transaction touched the same predicate), dgraph-js throws its ERR_ABORTED "Transaction has been aborted. Please retry"',
      'contention that a retry fixes (a transaction conflict, like a serialization failure) → 503; the optimistic-concurrency row (409) is the other reading',
      { status: 503, retryable: true },
    )
    await scripted(
      query,
      {
        code: grpc.status.UNKNOWN,
        details: 'could not insert duplicate value [ada@example.test] for predicate [email]',
      },
      () => register(client),
      'txn.mutate: Dgraph answers UNKNOWN "could not insert duplicate value … for predicate [email]" (an @unique predicate)',
      'conflict: unique violation on the email the client sent',
      { status: 409 },
    )
    await scripted(
      query,
      {
        code: grpc.status.UNKNOWN,
        details:
          'while lexing query u($id: string) { u(func: uid($id)) { name email } at line 1 column 60: Unclosed action',
      },
      () => findUser(),
      'txn.queryWithVars: Dgraph answers UNKNOWN "while lexing … Unclosed action" to our DQL',
      'our own bad query → 500',
      { status: 500 },
    )
    await scripted(
      query,
      { code: grpc.status.PERMISSION_DENIED, details: 'unauthorized to query the predicate: email' },
      () => findUser(),
      'txn.queryWithVars: Dgraph answers PERMISSION_DENIED (ACL: our user may not read the predicate)',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
    )
    await scripted(
      query,
      { code: grpc.status.RESOURCE_EXHAUSTED, details: 'too many pending requests, please retry' },
      () => findUser(),
      'txn.queryWithVars: Dgraph answers RESOURCE_EXHAUSTED (pending queries limit)',
      'dependency overloaded → dependency unavailable',
      { status: 503, retryable: true },
    )
    await scripted(
      query,
      'hang',
      () => findUser({ deadline: Date.now() + 300 }),
      'txn.queryWithVars with a 300 ms call deadline: Dgraph never answers, gRPC DEADLINE_EXCEEDED',
      'dependency too slow: our call deadline',
      { status: 504, retryable: true },
    )
    await scripted(
      alter,
      { code: grpc.status.UNKNOWN, details: 'line 1 column 14: Invalid index specification' },
      () => {
        const op = new dgraph.Operation()
        op.setSchema('email: string @index(emial) @unique .')
        return client.alter(op)
      },
      'client.alter at startup: Dgraph answers UNKNOWN "Invalid index specification" to our schema',
      'our own bad schema → 500',
      { status: 500 },
    )
    await scripted(
      login,
      { code: grpc.status.UNAUTHENTICATED, details: 'invalid username or password' },
      () => stubs[0].login('groot', 'not-the-password'),
      'stub.login with our service account: Dgraph answers UNAUTHENTICATED "invalid username or password"',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
    )
    return cases
  } finally {
    for (const stub of stubs) stub.close()
    await server.close()
  }
}
