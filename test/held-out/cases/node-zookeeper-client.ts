import type { Socket } from 'node:net'
import zookeeper from 'node-zookeeper-client'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { tcpServer } from './support/local.js'

const library = 'node-zookeeper-client'

/**
 * A scripted ZooKeeper server: it completes the session handshake, answers pings, and answers every
 * other request with the error code the script names (a reply header only, as ZooKeeper does).
 */
function onSocket(errorCode: () => number | 'hang') {
  return (socket: Socket) => {
    let buffer = Buffer.alloc(0)
    let connected = false
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      while (buffer.length >= 4) {
        const length = buffer.readInt32BE(0)
        if (buffer.length < 4 + length) return
        const frame = buffer.subarray(4, 4 + length)
        buffer = buffer.subarray(4 + length)
        if (!connected) {
          connected = true
          const reply = Buffer.alloc(4 + 4 + 4 + 8 + 4 + 16)
          reply.writeInt32BE(reply.length - 4, 0)
          reply.writeInt32BE(0, 4) // protocolVersion
          reply.writeInt32BE(30000, 8) // timeOut
          reply.writeBigInt64BE(0x1234n, 12) // sessionId
          reply.writeInt32BE(16, 20) // passwd length
          socket.write(reply)
          continue
        }
        const xid = frame.readInt32BE(0)
        const type = frame.readInt32BE(4)
        const code = type === 11 ? 0 : errorCode()
        if (code === 'hang') continue
        const reply = Buffer.alloc(4 + 4 + 8 + 4)
        reply.writeInt32BE(16, 0)
        reply.writeInt32BE(xid, 4)
        reply.writeBigInt64BE(0x99n, 8)
        reply.writeInt32BE(code, 16)
        socket.write(reply)
      }
    })
  }
}

export const collect: Collect = async () => {
  let next: number | 'hang' = 0
  const server = await tcpServer(onSocket(() => next))
  const client = zookeeper.createClient(`127.0.0.1:${server.port}`, { sessionTimeout: 30000, retries: 0 })
  const connected = new Promise<void>((resolve) => client.once('connected', () => resolve()))
  client.connect()
  await connected
  const cases: HeldOutCase[] = []
  const asPromise = (run: (cb: (error: unknown) => void) => void) =>
    new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())))
  const scripted = async (
    code: number,
    run: (cb: (error: unknown) => void) => void,
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
  ) => {
    next = code
    cases.push({ library, what, why, expect, error: await rejectionOf(() => asPromise(run)) })
  }
  const Code = zookeeper.Exception
  try {
    await scripted(
      Code.NODE_EXISTS,
      (cb) => client.create('/services/checkout-eu', Buffer.from('{}'), zookeeper.CreateMode.PERSISTENT, cb),
      'client.create of the service name the client registers: the server answers NODE_EXISTS, Exception "NODE_EXISTS[-110]"',
      'conflict: the name the client chose is taken',
      { status: 409 },
    )
    await scripted(
      Code.NO_NODE,
      (cb) => client.getData('/tenants/t-404/config', cb),
      'client.getData for the tenant id in the URL: the server answers NO_NODE, Exception "NO_NODE[-101]"',
      "not found: the client's tenant id names no node",
      { status: 404 },
    )
    await scripted(
      Code.BAD_VERSION,
      (cb) => client.setData('/tenants/t-1/config', Buffer.from('{"plan":"pro"}'), 7, cb),
      'client.setData with the version the client last read: the server answers BAD_VERSION, Exception "BAD_VERSION[-103]"',
      'conflict: optimistic-concurrency version check failed',
      { status: 409 },
    )
    await scripted(
      Code.NO_AUTH,
      (cb) => client.getData('/tenants/t-1/secrets', cb),
      'client.getData: the server answers NO_AUTH (our session lacks the ACL), Exception "NO_AUTH[-102]"',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
    )
    await scripted(
      Code.BAD_ARGUMENTS,
      (cb) => client.create('/jobs/job-', Buffer.alloc(0), zookeeper.CreateMode.PERSISTENT_SEQUENTIAL, cb),
      'client.create: the server answers BAD_ARGUMENTS to the request our code built, Exception "BAD_ARGUMENTS[-8]"',
      'our server sent the dependency a bad request → 500',
      { status: 500 },
    )
    await scripted(
      Code.OPERATION_TIMEOUT,
      (cb) => client.getData('/tenants/t-1/config', cb),
      'client.getData: the server answers OPERATION_TIMEOUT, Exception "OPERATION_TIMEOUT[-7]"',
      'dependency too slow',
      { status: 504, retryable: true },
    )
    await scripted(
      Code.CONNECTION_LOSS,
      (cb) => client.getData('/tenants/t-1/config', cb),
      'client.getData: the server answers CONNECTION_LOSS (its quorum connection dropped), Exception "CONNECTION_LOSS[-4]"',
      'dependency unavailable: connection lost, a retry fixes it',
      { status: 503, retryable: true },
    )
    await scripted(
      Code.NOT_EMPTY,
      (cb) => client.remove('/tenants/t-1', -1, cb),
      'client.remove of the tenant node our code deletes while it still has children: Exception "NOT_EMPTY[-111]"',
      'our own bug (children must be removed first) → 500',
      { status: 500 },
    )
    return cases
  } finally {
    client.close()
    await server.close()
  }
}
