import { spawnSync } from 'node:child_process'
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { Resolver } from 'node:dns/promises'
import {
  chmodSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer as createHttpServer, get } from 'node:http'
import { connect, createServer, type NetConnectOpts, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import {
  type ConnectionOptions,
  connect as connectTls,
  createServer as createTlsServer,
  type TlsOptions,
} from 'node:tls'
import { thrownBy } from '../support/caught.js'
import { closedPort, listen } from '../support/loopback.js'
import {
  EXPIRED,
  INTERMEDIATE_CA,
  LEAF,
  LEAF_KEY,
  NOT_YET_VALID,
  ROOT_CA,
  ROOT_CA_KEY,
} from '../support/test-certificates.js'
import { catalog, type Example, errorWith } from './example.js'

// System errors as Node reports them: real ones from node:net, node:dns, node:tls and node:fs
// against loopback servers and a scratch directory. Where this machine cannot make one (a route,
// a file table or a kernel timer that a test cannot control), the error is built the way Node
// builds it (nodejs/node lib/internal/errors.js: ExceptionWithHostPort, UVException, DNSException,
// ErrnoException), with the errno libuv gives the code on Linux.

// What the policy answers, by what the code means for the dependency our server called.
const unavailable = (code: string, make: () => unknown): Example => row(code, make, 503, true)
const dropped = (code: string, make: () => unknown): Example => row(code, make, 502, true)
const broken = (code: string, make: () => unknown): Example => row(code, make, 502, false)
/** A host name not found: 502, and a retry may find it (a service not yet registered). */
const unresolved = (code: string, make: () => unknown): Example => row(code, make, 502, true)
const timedOut = (code: string, make: () => unknown): Example => row(code, make, 504, true)
/** Our own process or filesystem: a server bug, never 404 or 403. */
const ours = (code: string, make: () => unknown): Example => ({
  error: `system error \`${code}\``,
  make,
  rule: `node-system:${code}`,
  status: 500,
})

function row(code: string, make: () => unknown, status: number, retryable: boolean): Example {
  return { error: `system error \`${code}\``, make, rule: `node-system:${code}`, status, retryable }
}

// Lazily opened resources, released by `close`.
const servers: (Server | UdpSocket)[] = []
let scratch: string | undefined

async function close(): Promise<void> {
  for (const server of servers.splice(0))
    await new Promise((resolve) => server.close(() => resolve(undefined)))
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
}

/** A loopback server started on a free port, closed by `close`. */
function serve(server: Server): Promise<number> {
  servers.push(server)
  return listen(server)
}

/** What a TCP (or Unix socket) connection emits as its error. */
function connectionError(options: NetConnectOpts, onEnd?: (write: (data: string) => void) => void) {
  return new Promise<unknown>((resolve) => {
    const socket = connect({ ...options, allowHalfOpen: true })
    socket.on('error', resolve)
    socket.on('end', () => onEnd?.((data) => socket.write(data)))
    socket.on('close', () => resolve(new Error('expected a connection error')))
    socket.resume()
  })
}

/** A scratch directory holding `config.json` (not executable), removed by `close`. */
function workspace(): string {
  if (scratch) return scratch
  scratch = mkdtempSync(join(tmpdir(), 'catalog-node-system-'))
  writeFileSync(join(scratch, 'config.json'), '{}')
  chmodSync(join(scratch, 'config.json'), 0o644)
  return scratch
}

// A loopback DNS server for a real `Resolver`: it answers a query for a name that contains
// `nxdomain`, `servfail` or `refused` with that response code, and any other query never.
const RCODES: Readonly<Record<string, number>> = { nxdomain: 3, servfail: 2, refused: 5 }
let dnsPort: Promise<number> | undefined

function dnsServer(): Promise<number> {
  dnsPort ??= new Promise((resolve) => {
    const socket = createSocket('udp4')
    servers.push(socket)
    socket.on('message', (query, peer) => {
      const name = query.toString('latin1').toLowerCase()
      const rcode = Object.entries(RCODES).find(([label]) => name.includes(label))?.[1]
      if (rcode === undefined) return
      const answer = Buffer.from(query)
      answer[2] = (answer[2] ?? 0) | 0x80 // QR: a response
      answer[3] = 0x80 | rcode // RA, and the response code
      socket.send(answer, peer.port, peer.address)
    })
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port))
  })
  return dnsPort
}

/** What a real c-ares query of `name` rejects with, against the loopback DNS server. */
async function resolveError(name: string): Promise<unknown> {
  const resolver = new Resolver({ timeout: 50, tries: 1 })
  resolver.setServers([`127.0.0.1:${await dnsServer()}`])
  return resolver.resolve4(name).then(
    () => new Error('expected a DNS failure'),
    (error: unknown) => error,
  )
}

/** What a real TLS client emits when it connects to a loopback TLS server with `server`'s options. */
async function tlsError(server: TlsOptions, client: ConnectionOptions = {}): Promise<unknown> {
  const tlsServer = createTlsServer(server, (socket) => socket.end())
  tlsServer.on('tlsClientError', () => {})
  const port = await serve(tlsServer)
  return new Promise((resolve) => {
    const socket = connectTls({ host: '127.0.0.1', port, ...client })
    socket.on('error', resolve)
    socket.on('secureConnect', () => {
      socket.destroy()
      resolve(new Error('expected a TLS failure'))
    })
  })
}

/** A failed connect as Node's ExceptionWithHostPort builds it: `connect EHOSTUNREACH 10.0.0.5:5432`. */
function connectFailure(code: string, errno: number, address: string, port: number): Error {
  return errorWith(`connect ${code} ${address}:${port}`, { errno, code, syscall: 'connect', address, port })
}

/** A failed file system call as Node's UVException builds it: `EMFILE: too many open files, open '…'`. */
function fsFailure(code: string, errno: number, description: string, syscall: string, path: string): Error {
  return errorWith(`${code}: ${description}, ${syscall} '${path}'`, { errno, code, syscall, path })
}

/** A failed stream read or write as Node's ErrnoException builds it: `read ECONNABORTED`. */
function streamFailure(code: string, errno: number, syscall: string): Error {
  return errorWith(`${syscall} ${code}`, { errno, code, syscall })
}

/** A failed lookup as Node's DNSException builds it: `getaddrinfo EAI_AGAIN db.internal`. */
function lookupFailure(code: string, errno: number | undefined, hostname: string): Error {
  return errorWith(`getaddrinfo ${code} ${hostname}`, { errno, code, syscall: 'getaddrinfo', hostname })
}

export default catalog(
  'node-system',
  [
    unavailable('ECONNREFUSED', async () => connectionError({ host: '127.0.0.1', port: await closedPort() })),
    // Lookalike: the kernel answers so only for a route this machine does not have.
    unavailable('EHOSTUNREACH', () => connectFailure('EHOSTUNREACH', -113, '10.0.0.5', 5432)),
    // Linux refuses a TCP connection to the broadcast address outright.
    unavailable('ENETUNREACH', () => connectionError({ host: '255.255.255.255', port: 5432 })),
    // Lookalike: a host or a network that is down cannot be arranged here.
    unavailable('EHOSTDOWN', () => connectFailure('EHOSTDOWN', -112, '10.0.0.5', 5432)),
    unavailable('ENETDOWN', () => connectFailure('ENETDOWN', -100, '10.0.0.5', 5432)),
    // Lookalike: getaddrinfo fails temporarily only when the system's resolver cannot be reached.
    unavailable('EAI_AGAIN', () => lookupFailure('EAI_AGAIN', -3001, 'db.internal')),
    unavailable('ESERVFAIL', () => resolveError('servfail.catalog.invalid')),
    unavailable('EREFUSED', () => resolveError('refused.catalog.invalid')),
    // Lookalike: a process cannot lower its own open-file limit from Node.
    unavailable('EMFILE', () =>
      fsFailure('EMFILE', -24, 'too many open files', 'open', '/srv/app/uploads/a.png'),
    ),
    unavailable('ENFILE', () =>
      fsFailure('ENFILE', -23, 'file table overflow', 'open', '/srv/app/uploads/a.png'),
    ),
    dropped('ECONNRESET', async () => {
      const port = await serve(createServer((socket) => socket.resetAndDestroy()))
      return connectionError({ host: '127.0.0.1', port })
    }),
    // A write to a Unix socket whose peer has hung up.
    dropped('EPIPE', async () => {
      const path = join(workspace(), 'hangs-up.sock')
      const server = createServer((socket) => socket.destroy())
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(path, resolve))
      return connectionError({ path }, (write) => write('ping'))
    }),
    // Lookalike: an aborted connection (ECONNABORTED from accept or read) cannot be arranged here.
    dropped('ECONNABORTED', () => streamFailure('ECONNABORTED', -103, 'read')),
    // Lookalike: Node 20 reports TLS protocol failures as ERR_SSL_* codes; EPROTO is what a stream
    // write that fails with UV_EPROTO reports (older Node versions, other runtimes).
    broken('EPROTO', () => streamFailure('EPROTO', -71, 'write')),
    unresolved('ENOTFOUND', () => resolveError('nxdomain.catalog.invalid')),
    // Lookalike: Node reports getaddrinfo's EAI_NONAME and EAI_NODATA as ENOTFOUND; a custom
    // `lookup` (an SSRF guard, another runtime's node:dns) passes the raw code on, without errno.
    unresolved('EAI_NONAME', () => lookupFailure('EAI_NONAME', undefined, 'api.example.invalid')),
    unresolved('EAI_NODATA', () => lookupFailure('EAI_NODATA', undefined, 'api.example.invalid')),
    // Lookalike: the kernel's connect timeout takes minutes and needs a host that drops packets.
    timedOut('ETIMEDOUT', () => connectFailure('ETIMEDOUT', -110, '10.0.0.5', 5432)),
    // c-ares: the loopback DNS server never answers this one.
    timedOut('ETIMEOUT', () => resolveError('silent.catalog.invalid')),
    // Copied from request/request request.js (`request`, deprecated, is not installed): its read timeout.
    timedOut('ESOCKETTIMEDOUT', () =>
      errorWith('ESOCKETTIMEDOUT', { code: 'ESOCKETTIMEDOUT', connect: false }),
    ),
    broken('DEPTH_ZERO_SELF_SIGNED_CERT', () => tlsError({ cert: ROOT_CA, key: ROOT_CA_KEY })),
    broken('SELF_SIGNED_CERT_IN_CHAIN', () =>
      tlsError({ cert: LEAF + INTERMEDIATE_CA + ROOT_CA, key: LEAF_KEY }),
    ),
    broken('CERT_HAS_EXPIRED', () => tlsError({ cert: EXPIRED, key: LEAF_KEY }, { ca: EXPIRED })),
    broken('UNABLE_TO_VERIFY_LEAF_SIGNATURE', () => tlsError({ cert: LEAF, key: LEAF_KEY })),
    broken('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', () =>
      tlsError({ cert: LEAF + INTERMEDIATE_CA, key: LEAF_KEY }),
    ),
    // A trusted certificate for catalog.invalid, presented at 127.0.0.1.
    broken('ERR_TLS_CERT_ALTNAME_INVALID', () =>
      tlsError({ cert: LEAF + INTERMEDIATE_CA, key: LEAF_KEY }, { ca: ROOT_CA }),
    ),
    ours('ENOENT', () => thrownBy(() => readFileSync(join(workspace(), 'missing.json')))),
    // Even root may not execute a file without an execute bit.
    ours('EACCES', () => spawnSync(join(workspace(), 'config.json')).error),
    // Nobody may hard-link a directory.
    ours('EPERM', () => thrownBy(() => linkSync(workspace(), join(workspace(), 'link')))),
    ours('EISDIR', () => thrownBy(() => readFileSync(workspace()))),
    ours('ENOTDIR', () => thrownBy(() => readdirSync(join(workspace(), 'config.json')))),
    ours('EEXIST', () => thrownBy(() => mkdirSync(workspace()))),
    ours('ENOTEMPTY', () => thrownBy(() => rmdirSync(workspace()))),
    // Linux's /dev/full fails every write with ENOSPC.
    ours('ENOSPC', () => thrownBy(() => writeFileSync('/dev/full', 'x'))),
    // Lookalike: no read-only file system is mounted where a test may write.
    ours('EROFS', () => fsFailure('EROFS', -30, 'read-only file system', 'open', '/srv/app/cache.db')),
    ours('EADDRINUSE', async () => {
      const port = await serve(createServer())
      return new Promise((resolve) => createServer().once('error', resolve).listen(port, '127.0.0.1'))
    }),
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface of this machine.
    ours(
      'EADDRNOTAVAIL',
      () => new Promise((resolve) => createServer().once('error', resolve).listen(0, '192.0.2.1')),
    ),
    ours('ERR_METHOD_NOT_IMPLEMENTED', () => thrownBy(() => new Readable()._read(1))),
    {
      error: '`EACCES` on `connect` (egress blocked)',
      // Lookalike: as a firewall that rejects our outbound connection makes connect() fail.
      make: () => connectFailure('EACCES', -13, '203.0.113.7', 443),
      rule: 'node-system:EACCES',
      status: 503,
      retryable: true,
    },
    {
      error: "`ECONNRESET` `Error('aborted')` of the request our server was reading: the client went away",
      // A client that sends half of its declared body and closes its socket.
      make: async () => {
        let received: (error: unknown) => void = () => {}
        const error = new Promise((resolve) => {
          received = resolve
        })
        const port = await serve(
          createHttpServer((req) => {
            req.on('error', received)
            req.resume()
          }),
        )
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"half":')
          setTimeout(() => socket.destroy(), 20)
        })
        socket.on('error', () => {})
        return error
      },
      rule: 'node-system:request-aborted',
      status: 499,
      retryable: false,
    },
    {
      error: 'HTTP parser `HPE_*` from an upstream',
      // An upstream that answers an HTTP request with another protocol's greeting.
      make: async () => {
        const port = await serve(createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.6\r\n')))
        return new Promise((resolve) => get(`http://127.0.0.1:${port}/`).on('error', resolve))
      },
      rule: 'node-system:HPE',
      status: 502,
      retryable: true,
    },
    {
      error: 'TLS verification or alert, e.g. `CERT_NOT_YET_VALID`, `ERR_SSL_WRONG_VERSION_NUMBER`',
      make: () => tlsError({ cert: NOT_YET_VALID, key: LEAF_KEY }, { ca: NOT_YET_VALID }),
      rule: 'node-system:CERT_NOT_YET_VALID',
      status: 502,
      retryable: false,
    },
  ],
  close,
)
