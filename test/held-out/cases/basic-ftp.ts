import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { Client } from 'basic-ftp'
import { FtpSrv } from 'ftp-srv'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, closingServer, hangingServer, tcpServer } from './support/local.js'

export const collect: Collect = async () => {
  const root = mkdtempSync(join(tmpdir(), 'held-out-ftp-'))
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => quiet }
  const ftp = new FtpSrv({ url: 'ftp://127.0.0.1:0', pasv_url: '127.0.0.1', anonymous: false, log: quiet })
  ftp.on('login', ({ username, password }, resolve, reject) => {
    if (username === 'app' && password === 'secret') resolve({ root })
    else reject(new Error('Login incorrect.'))
  })
  await ftp.listen()
  const port = ((ftp as unknown as { server: Server }).server.address() as { port: number }).port
  const hanging = await hangingServer()
  const closing = await closingServer()
  // A server at its connection limit greets with 421 and closes, as vsftpd and pure-ftpd do.
  const full = await tcpServer((socket) => socket.end('421 Too many connections (8) from this IP\r\n'))
  const clients: Client[] = []
  const client = (timeout = 1000) => {
    const made = new Client(timeout)
    clients.push(made)
    return made
  }
  try {
    const refusedPort = await closedPort()
    const reader = client()
    await reader.access({ host: '127.0.0.1', port, user: 'app', password: 'secret' })
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() })
    return [
      {
        library: 'basic-ftp',
        what: 'login with a stale password: FTPError code 530',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          client().access({ host: '127.0.0.1', port, user: 'app', password: 'stale' }),
        ),
      },
      {
        library: 'basic-ftp',
        what: 'download of a file the FTP server does not have: FTPError code 551 (ENOENT)',
        why: 'a missing file on a dependency is like ENOENT: 500, never 404 by default',
        expect: { status: 500 },
        error: await rejectionOf(() => reader.downloadTo(sink, 'exports/2024-06.csv')),
      },
      {
        library: 'basic-ftp',
        what: 'connect to a closed port: ECONNREFUSED (control socket)',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client().access({ host: '127.0.0.1', port: refusedPort })),
      },
      {
        library: 'basic-ftp',
        what: 'the server accepts TCP and never greets: Timeout (control socket)',
        why: 'dependency too slow: client timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => client(300).access({ host: '127.0.0.1', port: hanging.port })),
      },
      {
        library: 'basic-ftp',
        what: 'the server closes the connection before greeting: Server sent FIN packet unexpectedly',
        why: 'connection closed by the dependency mid-exchange: reset, 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => client().access({ host: '127.0.0.1', port: closing.port })),
      },
      {
        library: 'basic-ftp',
        what: 'the server is at its connection limit: FTPError code 421 Too many connections',
        why: 'dependency unavailable: too many connections',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client().access({ host: '127.0.0.1', port: full.port })),
      },
    ]
  } finally {
    for (const made of clients) made.close()
    await full.close()
    await closing.close()
    await hanging.close()
    await ftp.close()
    rmSync(root, { recursive: true, force: true })
  }
}
