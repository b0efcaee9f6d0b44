import type { Socket } from 'node:net'
import { Writer } from 'nsqjs'
import type { Collect } from '../case.js'
import { closedPort, hangingServer, type LocalServer, tcpServer } from './support/local.js'

// A scripted nsqd: "  V2", IDENTIFY → features, AUTH, PUB → OK or an error frame per topic.

function frame(type: 0 | 1, data: string): Buffer {
  const body = Buffer.from(data)
  const head = Buffer.alloc(8)
  head.writeInt32BE(body.length + 4, 0)
  head.writeInt32BE(type, 4)
  return Buffer.concat([head, body])
}

const PUB_ERRORS: Record<string, string> = {
  draining: 'E_PUB_FAILED PUB failed exiting',
  bulky: 'E_BAD_MESSAGE PUB message too big 2048 > 1024',
  payroll: 'E_UNAUTHORIZED AUTH failed for PUB on "payroll" ""',
}

function nsqd(opts: { authRequired?: boolean; hangUpOnPub?: boolean }): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let buf = Buffer.alloc(0)
    let magic = false
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk])
      if (!magic) {
        if (buf.length < 4) return
        buf = buf.subarray(4)
        magic = true
      }
      for (;;) {
        const nl = buf.indexOf(10)
        if (nl < 0) return
        const [cmd, ...args] = buf.subarray(0, nl).toString().split(' ')
        let body = ''
        if (cmd === 'IDENTIFY' || cmd === 'PUB' || cmd === 'AUTH' || cmd === 'DPUB' || cmd === 'MPUB') {
          if (buf.length < nl + 5) return
          const size = buf.readInt32BE(nl + 1)
          if (buf.length < nl + 5 + size) return
          body = buf.subarray(nl + 5, nl + 5 + size).toString()
          buf = buf.subarray(nl + 5 + size)
        } else {
          buf = buf.subarray(nl + 1)
        }
        if (cmd === 'IDENTIFY') {
          const features = {
            max_rdy_count: 2500,
            version: '1.3.0',
            max_msg_timeout: 900000,
            msg_timeout: 60000,
            tls_v1: false,
            deflate: false,
            snappy: false,
            auth_required: opts.authRequired === true,
          }
          socket.write(frame(0, JSON.stringify(features)))
        } else if (cmd === 'AUTH') {
          if (body !== 'good-secret') {
            socket.write(frame(1, 'E_AUTH_FAILED AUTH failed'))
            socket.end()
            return
          }
          socket.write(frame(0, JSON.stringify({ identity: 'orders', permission_count: 1 })))
        } else if (cmd === 'PUB' || cmd === 'DPUB') {
          if (opts.hangUpOnPub) {
            socket.destroy()
            return
          }
          const error = PUB_ERRORS[args[0] ?? '']
          if (error) {
            socket.write(frame(1, error))
            socket.end()
            return
          }
          socket.write(frame(0, 'OK'))
        }
      }
    })
  })
}

/** Connects a Writer and publishes once; resolves with what the publish callback or the Writer reported. */
function publishOnce(
  port: number,
  topic: string,
  message: string,
  config: Record<string, unknown> = {},
): Promise<unknown> {
  return new Promise((resolve) => {
    const writer = new Writer('127.0.0.1', port, config)
    let settled = false
    const done = (err: unknown) => {
      if (settled) return
      settled = true
      // Closing inside the library's own callback would run while it still handles the error.
      setImmediate(() => {
        try {
          writer.close()
        } catch {}
        resolve(err ?? new Error('expected a failure'))
      })
    }
    writer.on('error', (err: unknown) => done(err))
    writer.on('ready', () => {
      try {
        writer.publish(topic, message, (err?: Error) => done(err))
      } catch (err) {
        done(err)
      }
    })
    writer.connect()
  })
}

function caught(run: () => void): unknown {
  try {
    run()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  const plain = await nsqd({})
  const secured = await nsqd({ authRequired: true })
  const hangup = await nsqd({ hangUpOnPub: true })
  const hanging = await hangingServer()
  const lib = 'nsqjs'
  try {
    const refusedPort = await closedPort()
    const refused = await publishOnce(refusedPort, 'orders', '{"id":1}')
    const slow = await publishOnce(hanging.port, 'orders', '{"id":1}')
    const draining = await publishOnce(plain.port, 'draining', '{"id":1}')
    const bulky = await publishOnce(plain.port, 'bulky', 'x'.repeat(2048))
    const unauthorized = await publishOnce(secured.port, 'payroll', '{"id":1}', { authSecret: 'good-secret' })
    const authFailed = await publishOnce(secured.port, 'orders', '{"id":1}', { authSecret: 'rotated' })
    const hungUp = await publishOnce(hangup.port, 'orders', '{"id":1}')
    const badConfig = caught(() => new Writer('127.0.0.1', plain.port, { heartbeatInterval: -1 }))

    return [
      {
        library: lib,
        what: `Writer to a closed port: ${desc(refused)}`,
        why: 'dependency unavailable: nsqd refused the connection',
        expect: { status: 503, retryable: true },
        error: refused,
      },
      {
        library: lib,
        what: `nsqd accepts TCP and never answers IDENTIFY (5 s identify timeout): ${desc(slow)}`,
        why: 'dependency too slow: handshake timeout',
        expect: { status: 504, retryable: true },
        error: slow,
      },
      {
        library: lib,
        what: `nsqd answers PUB with error frame E_PUB_FAILED (it is exiting): ${desc(draining)}`,
        why: 'dependency unavailable: the broker is shutting down, a retry on another node works',
        expect: { status: 503, retryable: true },
        error: draining,
      },
      {
        library: lib,
        what: `nsqd answers PUB with E_BAD_MESSAGE (message over its max-msg-size): ${desc(bulky)}`,
        why: 'our own misuse: our server published a message over the broker limit; not the client body size',
        expect: { status: 500 },
        error: bulky,
      },
      {
        library: lib,
        what: `nsqd answers PUB with E_UNAUTHORIZED (our secret lacks the topic): ${desc(unauthorized)}`,
        why: 'our own credentials/permissions rejected by a dependency',
        expect: { status: 500 },
        error: unauthorized,
      },
      {
        library: lib,
        what: `nsqd answers AUTH with E_AUTH_FAILED (rotated secret): ${desc(authFailed)}`,
        why: 'our own credentials rejected by a dependency',
        expect: { status: 500 },
        error: authFailed,
      },
      {
        library: lib,
        what: `nsqd drops the connection when it gets PUB: ${desc(hungUp)}`,
        why: 'dependency answered badly: connection closed mid-request, 502',
        expect: { status: 502, retryable: true },
        error: hungUp,
      },
      {
        library: lib,
        what: `Writer constructed with heartbeatInterval -1: ${desc(badConfig)}`,
        why: 'our own misconfiguration',
        expect: { status: 500 },
        error: badConfig,
      },
    ]
  } finally {
    await Promise.all([plain, secured, hangup, hanging].map((s) => s.close()))
  }
}

function desc(e: unknown): string {
  const err = e as Error
  return `${err?.constructor?.name} "${String(err?.message).slice(0, 100)}"`
}
