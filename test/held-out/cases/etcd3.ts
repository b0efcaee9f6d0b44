import * as grpc from '@grpc/grpc-js'
import { noop } from 'cockatiel'
import { Etcd3, type IOptions } from 'etcd3'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { grpcScripted } from './support/grpc-scripted.js'
import { closedPort } from './support/local.js'

const library = 'etcd3'

const RANGE = '/etcdserverpb.KV/Range'
const PUT = '/etcdserverpb.KV/Put'
const TXN = '/etcdserverpb.KV/Txn'
const AUTHENTICATE = '/etcdserverpb.Auth/Authenticate'

export async function collect(): Promise<HeldOutCase[]> {
  const server = await grpcScripted([RANGE, PUT, TXN, AUTHENTICATE])
  const refusedPort = await closedPort()
  const clients: Etcd3[] = []
  // No retries and no circuit breaker: each call fails with what the server (or the network) said.
  const client = (options: Partial<IOptions> = {}) => {
    const c = new Etcd3({
      faultHandling: { host: () => noop, global: noop },
      ...options,
      hosts: options.hosts ?? `http://${server.address}`,
    })
    clients.push(c)
    return c
  }
  const etcd = client()
  const cases: HeldOutCase[] = []
  const failing = async (path: string, code: grpc.status, details: string, run: () => unknown) => {
    server.reply(path, { code, details })
    return rejectionOf(run)
  }
  try {
    cases.push(
      {
        library,
        what: 'get from an etcd on a closed port (GRPCUnavailableError, gRPC UNAVAILABLE, "No connection established…ECONNREFUSED")',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          client({ hosts: `http://127.0.0.1:${refusedPort}` })
            .get('config/feature-flags')
            .string(),
        ),
      },
      {
        library,
        what: 'get answered UNAVAILABLE "etcdserver: leader changed" (GRPCUnavailableError)',
        why: 'dependency unavailable: gRPC 14',
        expect: { status: 503, retryable: true },
        error: await failing(RANGE, grpc.status.UNAVAILABLE, 'etcdserver: leader changed', () =>
          etcd.get('config/feature-flags').string(),
        ),
      },
      {
        library,
        what: 'get answered DEADLINE_EXCEEDED "etcdserver: request timed out" (GRPCDeadlineExceededError)',
        why: 'dependency too slow: gRPC 4',
        expect: { status: 504, retryable: true },
        error: await failing(RANGE, grpc.status.DEADLINE_EXCEEDED, 'etcdserver: request timed out', () =>
          etcd.get('config/feature-flags').string(),
        ),
      },
      {
        library,
        what: 'get that the server never answers, call deadline 300 ms (GRPCDeadlineExceededError "Deadline exceeded")',
        why: 'dependency too slow: our deadline',
        expect: { status: 504, retryable: true },
        error: await (async () => {
          server.reply(RANGE, 'hang')
          return rejectionOf(() =>
            etcd
              .get('config/feature-flags')
              .options({ deadline: new Date(Date.now() + 300) })
              .string(),
          )
        })(),
      },
      {
        library,
        what: 'put answered RESOURCE_EXHAUSTED "etcdserver: mvcc: database space exceeded" (GRPCResourceExhastedError)',
        why: 'dependency unavailable: gRPC 8',
        expect: { status: 503, retryable: true },
        error: await failing(
          PUT,
          grpc.status.RESOURCE_EXHAUSTED,
          'etcdserver: mvcc: database space exceeded',
          () => etcd.put('jobs/42').value('queued'),
        ),
      },
      {
        library,
        what: 'put answered PERMISSION_DENIED "etcdserver: permission denied" for our role (EtcdPermissionDeniedError)',
        why: 'our credentials lack the permission: 500',
        expect: { status: 500 },
        error: await failing(PUT, grpc.status.PERMISSION_DENIED, 'etcdserver: permission denied', () =>
          etcd.put('jobs/42').value('queued'),
        ),
      },
      {
        library,
        what: 'put answered INVALID_ARGUMENT "etcdserver: key is not provided" (GRPCInvalidArgumentError)',
        why: 'our request was wrong: gRPC 3 → 500',
        expect: { status: 500 },
        error: await failing(PUT, grpc.status.INVALID_ARGUMENT, 'etcdserver: key is not provided', () =>
          etcd.put('jobs/42').value('queued'),
        ),
      },
      {
        library,
        what: 'put answered INTERNAL "etcdserver: corrupt cluster" (GRPCInternalError)',
        why: 'the dependency failed on its side: upstream error, 502',
        expect: { status: 502, retryable: true },
        error: await failing(PUT, grpc.status.INTERNAL, 'etcdserver: corrupt cluster', () =>
          etcd.put('jobs/42').value('queued'),
        ),
      },
      {
        library,
        what: 'Authenticate with our wrong password: INVALID_ARGUMENT "etcdserver: authentication failed, invalid user ID or password" (EtcdAuthenticationFailedError)',
        why: 'dependency rejected our own credentials: 500',
        expect: { status: 500 },
        error: await failing(
          AUTHENTICATE,
          grpc.status.INVALID_ARGUMENT,
          'etcdserver: authentication failed, invalid user ID or password',
          () =>
            client({ auth: { username: 'app', password: 'wrong-secret' } })
              .get('config/feature-flags')
              .string(),
        ),
      },
    )
    // A software transaction whose commit keeps losing (Txn answers succeeded = false every time).
    server.reply(RANGE, { ok: Buffer.alloc(0) })
    server.reply(TXN, { ok: Buffer.alloc(0) })
    cases.push({
      library,
      what: 'an STM transaction (read a counter, write it back) whose commit never succeeds after 2 retries (STMConflictError "A conflict occurred executing the software transaction")',
      why: 'conflict: optimistic-concurrency failure, 409',
      expect: { status: 409 },
      error: await rejectionOf(() =>
        etcd.stm({ retries: 2 }).transact(async (tx) => {
          const seen = await tx.get('counters/orders').number()
          return tx
            .put('counters/orders')
            .value((seen ?? 0) + 1)
            .exec()
        }),
      ),
    })
    return cases
  } finally {
    for (const c of clients) c.close()
    await server.close()
  }
}
