import { Firestore, Timestamp } from '@google-cloud/firestore'
import * as grpc from '@grpc/grpc-js'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { type GrpcReply, grpcScripted } from './support/grpc-scripted.js'

const library = '@google-cloud/firestore'
const service = '/google.firestore.v1.Firestore/'
const commit = `${service}Commit`

export const collect: Collect = async () => {
  // The Google auth library would look for a cloud metadata server off this machine: loopback only.
  const detection = process.env.METADATA_SERVER_DETECTION
  process.env.METADATA_SERVER_DETECTION = 'none'
  const server = await grpcScripted([commit, `${service}BeginTransaction`, `${service}Rollback`])
  const clients: Firestore[] = []
  const firestore = (port: number) => {
    const db = new Firestore({ projectId: 'shop-test', host: '127.0.0.1', port, ssl: false })
    clients.push(db)
    return db
  }
  const db = firestore(server.port)
  const cases: HeldOutCase[] = []
  const scripted = async (
    reply: GrpcReply,
    run: () => Promise<unknown>,
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
  ) => {
    server.reply(commit, reply)
    cases.push({ library, what, why, expect, error: await rejectionOf(run) })
  }
  // Handlers: sign-up creates users/{handle} from the client's body; PATCH /orders/:id updates it.
  const signUp = () => db.doc('users/ada').create({ name: 'Ada', createdAt: Timestamp.now() })
  const patchOrder = () => db.doc('orders/o-77').update({ status: 'shipped' })
  try {
    await scripted(
      {
        code: grpc.status.ALREADY_EXISTS,
        details: 'Document already exists: projects/shop-test/databases/(default)/documents/users/ada',
      },
      signUp,
      'doc.create for the handle the client chose: Commit answers ALREADY_EXISTS "Document already exists"',
      "conflict: the client's handle is taken",
      { status: 409 },
    )
    await scripted(
      {
        code: grpc.status.NOT_FOUND,
        details: 'No document to update: projects/shop-test/databases/(default)/documents/orders/o-77',
      },
      patchOrder,
      'doc.update for the order id in the URL: Commit answers NOT_FOUND "No document to update"',
      "not found: the client's order id names no document (an update of a missing row, as Prisma P2025)",
      { status: 404 },
    )
    await scripted(
      {
        code: grpc.status.FAILED_PRECONDITION,
        details:
          'the stored version (1733561234000000) does not match the required base version (1733561200000000)',
      },
      () =>
        db
          .doc('orders/o-77')
          .update({ status: 'shipped' }, { lastUpdateTime: Timestamp.fromMillis(1733561200000) }),
      'doc.update with the lastUpdateTime the client last read: Commit answers FAILED_PRECONDITION "the stored version … does not match the required base version"',
      'conflict: optimistic-concurrency precondition failed',
      { status: 409 },
    )
    await scripted(
      { code: grpc.status.PERMISSION_DENIED, details: 'Missing or insufficient permissions.' },
      signUp,
      'doc.create: Commit answers PERMISSION_DENIED "Missing or insufficient permissions." (our service account)',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
    )
    await scripted(
      {
        code: grpc.status.UNAUTHENTICATED,
        details: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      },
      patchOrder,
      'doc.update: Commit answers UNAUTHENTICATED "Request had invalid authentication credentials"',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
    )
    await scripted(
      {
        code: grpc.status.INVALID_ARGUMENT,
        details: 'Property createdAt contains an invalid nested entity.',
      },
      signUp,
      'doc.create: Commit answers INVALID_ARGUMENT to the document our code built',
      'our server sent the dependency a bad request → 500',
      { status: 500 },
    )
    await scripted(
      { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' },
      patchOrder,
      'doc.update: Commit answers DEADLINE_EXCEEDED (Commit is not retried on it)',
      'dependency too slow: DEADLINE_EXCEEDED',
      { status: 504, retryable: true },
    )
    await scripted(
      { code: grpc.status.INTERNAL, details: 'Received RST_STREAM with code 0' },
      patchOrder,
      'doc.update: Commit answers INTERNAL (not retried for Commit)',
      'dependency failed while answering → upstream answered badly',
      { status: 502, retryable: true },
    )
    server.reply(`${service}BeginTransaction`, { ok: Buffer.from([0x0a, 0x02, 0x74, 0x31]) })
    await scripted(
      { code: grpc.status.ABORTED, details: 'Too much contention on these documents. Please try again.' },
      () =>
        db.runTransaction(
          async (tx) => {
            tx.set(db.doc('stock/sku-9'), { reserved: 1 }, { merge: true })
          },
          { maxAttempts: 2 },
        ),
      'runTransaction (2 attempts): Commit answers ABORTED "Too much contention on these documents" each time',
      'contention that a retry fixes → dependency unavailable',
      { status: 503, retryable: true },
    )
    return cases
  } finally {
    for (const client of clients) await client.terminate()
    await server.close()
    if (detection === undefined) delete process.env.METADATA_SERVER_DETECTION
    else process.env.METADATA_SERVER_DETECTION = detection
  }
}
