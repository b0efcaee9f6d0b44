// ssh2-sftp-client against a real SFTP server on 127.0.0.1 (ssh2's Server with an SFTP subsystem,
// used only as the server), a closed port and scripted sockets: a server that stores uploads on,
// and fetches reports from, an SFTP host.
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const require = createRequire(import.meta.url)
const SftpClient: any = require('ssh2-sftp-client')
const ssh2: any = require('ssh2')

const library = 'ssh2-sftp-client'
const { STATUS_CODE } = ssh2.utils.sftp

/** An SFTP server: password "right" for user "app"; each path answers a status or data. */
async function sftpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private
  const clients = new Set<any>()
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client: any) => {
    clients.add(client)
    client.on('error', () => {})
    client.on('close', () => clients.delete(client))
    client.on('authentication', (ctx: any) => {
      if (ctx.method === 'password' && ctx.username === 'app' && ctx.password === 'right') ctx.accept()
      else ctx.reject(['password'])
    })
    client.on('session', (accept: any) => {
      const session = accept()
      session.on('sftp', (acceptSftp: any) => {
        const sftp = acceptSftp()
        sftp.on('error', () => {})
        const answer = (reqid: number, path: string) => {
          if (path.startsWith('/locked'))
            return sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'Permission denied')
          if (path.startsWith('/broken')) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Disk I/O error')
          return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE, 'No such file')
        }
        sftp.on('REALPATH', (reqid: number, path: string) =>
          sftp.name(reqid, [{ filename: path === '.' ? '/' : path, longname: '', attrs: {} }]),
        )
        sftp.on('STAT', answer)
        sftp.on('LSTAT', answer)
        sftp.on('OPEN', (reqid: number, path: string) => answer(reqid, path))
        sftp.on('OPENDIR', (reqid: number, path: string) => answer(reqid, path))
      })
    })
  })
  server.on('error', () => {})
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: server.address().port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end()
        server.close(() => resolve())
      }),
  }
}

/** A client whose global listeners go to our (silent) logger rather than the console. */
const client = () => new SftpClient('uploads', { error: () => {}, end: () => {}, close: () => {} })

const options = (port: number, extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port,
  username: 'app',
  password: 'right',
  readyTimeout: 2000,
  retries: 0,
  ...extra,
})

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const server = await sftpServer()
  try {
    const wrong = client()
    add({
      what: 'SFTP host rejected our password: connect() rejected Error "getConnection: All configured authentication methods failed" (no code)',
      why: 'dependency rejects our credentials: misconfiguration',
      expect: { status: 500 },
      error: await rejectionOf(() => wrong.connect(options(server.port, { password: 'stale' }))),
    })
    await wrong.end().catch(() => {})

    const sftp = client()
    await sftp.connect(options(server.port))
    try {
      add({
        what: 'get() of a report the SFTP host does not have: rejected Error "get: No such file /reports/2026-12.csv", code 2 (SSH_FX_NO_SUCH_FILE)',
        why: "a missing file on a dependency is not the client's 404: everything else (never ENOENT → 404)",
        expect: { status: 500 },
        error: await rejectionOf(() => sftp.get('/reports/2026-12.csv')),
      })
      add({
        what: 'put() into a directory our account may not write: rejected Error "_put: Write stream error: Permission denied /locked/upload.txt", code 3 (SSH_FX_PERMISSION_DENIED)',
        why: "dependency rejects our account's permissions: misconfiguration",
        expect: { status: 500 },
        error: await rejectionOf(() => sftp.put(Buffer.from('hello'), '/locked/upload.txt')),
      })
      add({
        what: 'list() of a directory on a host whose disk fails: the server answered SSH_FX_FAILURE: Error "list: Disk I/O error /broken/inbox", code 4',
        why: 'dependency failed on its side: upstream answered badly',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => sftp.list('/broken/inbox')),
      })
    } finally {
      await sftp.end().catch(() => {})
    }
    add({
      what: 'our code called list() after end(): rejected "list: No SFTP connection available", code ERR_NOT_CONNECTED',
      why: 'our own bug (call on a closed client): everything else',
      expect: { status: 500 },
      error: await rejectionOf(() => sftp.list('/')),
    })
  } finally {
    await server.close()
  }

  const port = await closedPort()
  const refused = client()
  add({
    what: 'SFTP port closed: connect() rejected Error "getConnection: connect ECONNREFUSED 127.0.0.1:…", code ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => refused.connect(options(port))),
  })

  const silent = await hangingServer()
  const slow = client()
  try {
    add({
      what: 'SFTP host accepted TCP and never sent its SSH banner: connect() rejected Error "getConnection: Timed out while waiting for handshake" (no code) after our 300 ms readyTimeout',
      why: 'dependency too slow: our timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => slow.connect(options(silent.port, { readyTimeout: 300 }))),
    })
  } finally {
    await silent.close()
  }

  const garbage = await tcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
  const confused = client()
  try {
    add({
      what: 'the SFTP port answered with an HTTP response instead of an SSH banner: connect() rejected Error "getConnection: Connection lost before handshake"',
      why: 'dependency broke its protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => confused.connect(options(garbage.port))),
    })
  } finally {
    await garbage.close()
  }

  const dropping = await tcpServer((socket) => {
    socket.write('SSH-2.0-OpenSSH_9.6\r\n')
    socket.once('data', () => socket.destroy())
  })
  const dropped = client()
  try {
    add({
      what: 'SFTP host sent its banner and closed the connection during key exchange: connect() rejected Error "getConnection: Unexpected end event", code ERR_GENERIC_CLIENT',
      why: 'dependency dropped the connection mid-handshake: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => dropped.connect(options(dropping.port))),
    })
  } finally {
    await dropping.close()
  }
  return cases
}
