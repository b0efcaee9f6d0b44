// net-snmp sessions (SNMP v2c and v3 over UDP) against net-snmp's own agent on 127.0.0.1, a silent
// UDP socket and a UDP socket that answers garbage: a server that polls a device for its status.

import { createSocket, type Socket } from 'node:dgram'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { type HeldOutCase, rejectionOf } from '../case.js'

const require = createRequire(import.meta.url)
const snmp: any = require('net-snmp')

const library = 'net-snmp'

async function freeUdpPort(): Promise<number> {
  const probe = createSocket('udp4')
  probe.bind(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

async function udpServer(onMessage: (socket: Socket, msg: Buffer, port: number) => void): Promise<{
  port: number
  close(): Promise<void>
}> {
  const socket = createSocket('udp4')
  socket.on('message', (msg, rinfo) => onMessage(socket, msg, rinfo.port))
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  return { port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) }
}

function call(run: (cb: (error: unknown, result?: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result))))
}

function v2(port: number, community = 'public', timeout = 1000): any {
  return snmp.createSession('127.0.0.1', community, {
    port,
    retries: 0,
    timeout,
    version: snmp.Version2c,
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const port = await freeUdpPort()
  const agent = snmp.createAgent(
    { port, address: '127.0.0.1', accessControlModelType: snmp.AccessControlModelType.None },
    () => {},
  )
  await new Promise((resolve) => setTimeout(resolve, 50))
  const authorizer = agent.getAuthorizer()
  authorizer.addCommunity('public')
  authorizer.addUser({
    name: 'poller',
    level: snmp.SecurityLevel.authNoPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: 'correct-auth-key',
  })
  const mib = agent.getMib()
  const scalar = (name: string, oid: string, handler: (req: any) => void) =>
    mib.registerProvider({
      name,
      type: snmp.MibProviderType.Scalar,
      oid,
      scalarType: snmp.ObjectType.OctetString,
      maxAccess: snmp.MaxAccess['read-only'],
      handler,
    })
  scalar('sysDescr', '1.3.6.1.2.1.1.1', (req) => req.done())
  mib.setScalarValue('sysDescr', 'edge-router-1')
  scalar('busyCounter', '1.3.6.1.4.1.99999.1', (req) =>
    req.done({ errorStatus: snmp.ErrorStatus.ResourceUnavailable, type: snmp.ObjectType.Null, value: null }),
  )
  mib.setScalarValue('busyCounter', 'x')
  scalar('brokenSensor', '1.3.6.1.4.1.99999.2', (req) =>
    req.done({ errorStatus: snmp.ErrorStatus.GeneralError, type: snmp.ObjectType.Null, value: null }),
  )
  mib.setScalarValue('brokenSensor', 'x')

  const sessions: any[] = []
  const open = (s: any) => {
    s.on('error', () => {})
    sessions.push(s)
    return s
  }
  try {
    const session = open(v2(port))
    add({
      what: 'agent answered a SET on the read-only sysDescr.0 with error-status NotWritable: RequestFailedError "NotWritable: 1.3.6.1.2.1.1.1.0", status 17',
      why: 'dependency rejected our request (our bug: writing a read-only object) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        call((cb) =>
          session.set([{ oid: '1.3.6.1.2.1.1.1.0', type: snmp.ObjectType.OctetString, value: 'x' }], cb),
        ),
      ),
    })
    add({
      what: 'agent answered GET with error-status resourceUnavailable(13): RequestFailedError "ResourceUnavailable: 1.3.6.1.4.1.99999.1.0", status 13',
      why: 'dependency temporarily lacks resources: unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => call((cb) => session.get(['1.3.6.1.4.1.99999.1.0'], cb))),
    })
    add({
      what: 'agent answered GET with error-status genErr(5): RequestFailedError "GeneralError: 1.3.6.1.4.1.99999.2.0", status 5',
      why: 'dependency failed on its side: upstream answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => call((cb) => session.get(['1.3.6.1.4.1.99999.2.0'], cb))),
    })
    add({
      what: 'our code passed a varbind with an unknown type 99 to set(): RequestInvalidError "Unknown type \'99\' in request"',
      why: 'our own bug: everything else',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        call((cb) => session.set([{ oid: '1.3.6.1.2.1.1.5.0', type: 99, value: 'x' }], cb)),
      ),
    })

    const unknownUser = open(
      snmp.createV3Session(
        '127.0.0.1',
        {
          name: 'monitoring',
          level: snmp.SecurityLevel.authNoPriv,
          authProtocol: snmp.AuthProtocols.sha,
          authKey: 'some-auth-key',
        },
        { port, retries: 0, timeout: 1000 },
      ),
    )
    add({
      what: 'SNMPv3 GET as a user the agent does not know: agent sent a usmStatsUnknownUserNames report: ResponseInvalidError "Unknown User Name", code 5 (EAuthFailure)',
      why: 'dependency rejects our credentials: misconfiguration',
      expect: { status: 500 },
      error: await rejectionOf(() => call((cb) => unknownUser.get(['1.3.6.1.2.1.1.1.0'], cb))),
    })

    const closed = open(v2(port))
    closed.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    add({
      what: 'our code called get() on a session it had already closed: the dgram send failed (ERR_SOCKET_DGRAM_NOT_RUNNING)',
      why: 'our own bug (call on a closed client): everything else',
      expect: { status: 500 },
      error: await rejectionOf(() => call((cb) => closed.get(['1.3.6.1.2.1.1.1.0'], cb))),
    })
  } finally {
    for (const s of sessions) {
      try {
        s.close()
      } catch {}
    }
    agent.close()
  }

  const silent = await udpServer(() => {})
  const slow = open(v2(silent.port, 'public', 300))
  try {
    add({
      what: 'device took the GET and never answered: RequestTimedOutError "Request timed out" after our 300 ms timeout',
      why: 'dependency too slow: our timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => call((cb) => slow.get(['1.3.6.1.2.1.1.1.0'], cb))),
    })
  } finally {
    slow.close()
    await silent.close()
  }

  const garbage = await udpServer((socket, _msg, from) =>
    socket.send(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), from, '127.0.0.1'),
  )
  const confused = v2(garbage.port, 'public', 300)
  const emitted = new Promise<unknown>((resolve) => confused.once('error', resolve))
  try {
    await rejectionOf(() => call((cb) => confused.get(['1.3.6.1.2.1.1.1.0'], cb)))
    add({
      what: 'device answered the GET with bytes that are not BER: the session emitted (error event) TypeError "Value read as integer null is not an integer" from its message decoder',
      why: 'dependency broke its protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await emitted,
    })
  } finally {
    confused.close()
    await garbage.close()
  }
  return cases
}
