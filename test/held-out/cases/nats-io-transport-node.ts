import { connect } from '@nats-io/transport-node'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer, type LocalServer, tcpServer } from './support/local.js'

type Behaviour = {
  /** What the broker does with a PUB/HPUB that carries a reply subject (a request). */
  readonly onRequest: 'no-responders' | 'ignore' | 'deny'
  readonly maxPayload?: number
  readonly authFails?: boolean
}

/** A scripted nats-server: INFO, CONNECT/PING → PONG, SUB bookkeeping, and a scripted answer to requests. */
function natsServer(b: Behaviour): Promise<LocalServer> {
  return tcpServer((socket) => {
    const info = {
      server_id: 'held-out',
      server_name: 'held-out',
      version: '2.10.22',
      proto: 1,
      headers: true,
      max_payload: b.maxPayload ?? 1048576,
      auth_required: b.authFails === true,
    }
    socket.write(`INFO ${JSON.stringify(info)}\r\n`)
    const subs: { subject: string; sid: string }[] = []
    let buf = ''
    let skip = 0
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      buf += chunk
      for (;;) {
        if (skip > 0) {
          if (buf.length < skip) return
          buf = buf.slice(skip)
          skip = 0
        }
        const end = buf.indexOf('\r\n')
        if (end < 0) return
        const line = buf.slice(0, end)
        buf = buf.slice(end + 2)
        const [op, ...args] = line.split(' ')
        switch (op?.toUpperCase()) {
          case 'CONNECT':
            if (b.authFails) {
              socket.end("-ERR 'Authorization Violation'\r\n")
              return
            }
            break
          case 'PING':
            socket.write('PONG\r\n')
            break
          case 'SUB':
            subs.push({ subject: args[0] ?? '', sid: args[args.length - 1] ?? '' })
            break
          case 'PUB':
          case 'HPUB': {
            const subject = args[0] ?? ''
            const reply = args.length >= (op.toUpperCase() === 'HPUB' ? 4 : 3) ? args[1] : undefined
            skip = Number(args[args.length - 1]) + 2
            if (reply === undefined) break
            if (b.onRequest === 'deny') {
              socket.write(`-ERR 'Permissions Violation for Publish to "${subject}"'\r\n`)
            } else if (b.onRequest === 'no-responders') {
              const sub = subs.find((s) => reply.startsWith(s.subject.replace(/\*$/, '')))
              if (sub) {
                const hdr = 'NATS/1.0 503\r\n\r\n'
                socket.write(`HMSG ${reply} ${sub.sid} ${hdr.length} ${hdr.length}\r\n${hdr}\r\n`)
              }
            }
            break
          }
          default:
            break
        }
      }
    })
  })
}

export const collect: Collect = async () => {
  const hanging = await hangingServer()
  const noResponders = await natsServer({ onRequest: 'no-responders' })
  const silent = await natsServer({ onRequest: 'ignore' })
  const denying = await natsServer({ onRequest: 'deny' })
  const small = await natsServer({ onRequest: 'ignore', maxPayload: 64 })
  const strict = await natsServer({ onRequest: 'ignore', authFails: true })
  const opts = { reconnect: false, timeout: 400 } as const
  const lib = '@nats-io/transport-node'
  try {
    const refusedPort = await closedPort()
    const refused = await rejectionOf(() => connect({ servers: `127.0.0.1:${refusedPort}`, ...opts }))
    const hung = await rejectionOf(() => connect({ servers: `127.0.0.1:${hanging.port}`, ...opts }))
    const authz = await rejectionOf(() =>
      connect({ servers: `127.0.0.1:${strict.port}`, user: 'orders', pass: 'rotated', ...opts }),
    )

    const nc1 = await connect({ servers: `127.0.0.1:${noResponders.port}`, ...opts })
    const noResp = await rejectionOf(() => nc1.request('inventory.reserve', '{"sku":"A1"}', { timeout: 500 }))
    await nc1.close()

    const nc2 = await connect({ servers: `127.0.0.1:${silent.port}`, ...opts })
    const slow = await rejectionOf(() => nc2.request('pricing.quote', '{"sku":"A1"}', { timeout: 200 }))
    await nc2.close()
    const afterClose = await rejectionOf(async () => nc2.publish('audit.log', 'x'))

    const nc3 = await connect({ servers: `127.0.0.1:${denying.port}`, ...opts })
    nc3.closed().catch(() => {})
    const denied = await rejectionOf(() => nc3.request('billing.charge', '{"amount":5}', { timeout: 500 }))
    await nc3.close().catch(() => {})

    const nc4 = await connect({ servers: `127.0.0.1:${small.port}`, ...opts })
    const tooBig = await rejectionOf(async () => nc4.publish('reports.ready', 'x'.repeat(1000)))
    await nc4.close()

    return [
      {
        library: lib,
        what: `connect to a closed port: ${describe(refused)}`,
        why: 'dependency unavailable: broker refused the connection',
        expect: { status: 503, retryable: true },
        error: refused,
      },
      {
        library: lib,
        what: `the broker accepts TCP and never sends INFO: ${describe(hung)}`,
        why: 'dependency too slow: connect timeout',
        expect: { status: 504, retryable: true },
        error: hung,
      },
      {
        library: lib,
        what: `the broker answers CONNECT with -ERR 'Authorization Violation': ${describe(authz)}`,
        why: 'our own credentials rejected by a dependency: misconfiguration',
        expect: { status: 500 },
        error: authz,
      },
      {
        library: lib,
        what: `request to a subject nobody serves (broker's 503 status message): ${describe(noResp)}`,
        why: 'dependency unavailable: no service instance is listening, a retry may find one',
        expect: { status: 503, retryable: true },
        error: noResp,
      },
      {
        library: lib,
        what: `request that no responder answers within 200 ms: ${describe(slow)}`,
        why: 'dependency too slow: request timeout',
        expect: { status: 504, retryable: true },
        error: slow,
      },
      {
        library: lib,
        what: `publish on a connection our code already closed: ${describe(afterClose)}`,
        why: 'our own bug: using a closed client',
        expect: { status: 500 },
        error: afterClose,
      },
      {
        library: lib,
        what: `the broker denies publishing to the subject (-ERR Permissions Violation): ${describe(denied)}`,
        why: 'our account is not allowed: our own credentials/config, 500',
        expect: { status: 500 },
        error: denied,
      },
      {
        library: lib,
        what: `publish of 1000 bytes over the server's max_payload of 64: ${describe(tooBig)}`,
        why: 'our own misuse of the client (payload over the broker limit we were told); not the client request size',
        expect: { status: 500 },
        error: tooBig,
      },
    ]
  } finally {
    await Promise.all([hanging, noResponders, silent, denying, small, strict].map((s) => s.close()))
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string; constructor?: { name?: string } }
  return `${err?.constructor?.name ?? typeof e} "${String(err?.message).slice(0, 90)}"`
}
