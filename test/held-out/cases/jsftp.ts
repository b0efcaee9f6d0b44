import { once } from 'node:events'
import type { Socket } from 'node:net'
import JSFtp from 'jsftp'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const library = 'jsftp'

/** A control connection's script: the user it logged in as decides where PASV points. */
function pasvReply(port: number): string {
  return `227 Entering Passive Mode (127,0,0,1,${Math.floor(port / 256)},${port % 256})\r\n`
}

export async function collect(): Promise<HeldOutCase[]> {
  const data = await tcpServer(() => {})
  const silentData = await hangingServer()
  const refusedPort = await closedPort()
  const control = await tcpServer((socket: Socket) => {
    let user = ''
    let pending = ''
    socket.setEncoding('latin1')
    socket.write('220 FTP server ready\r\n')
    socket.on('data', (chunk: string) => {
      pending += chunk
      let end = pending.indexOf('\r\n')
      while (end >= 0) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        end = pending.indexOf('\r\n')
        const [verb = '', ...rest] = line.split(' ')
        const arg = rest.join(' ')
        switch (verb.toUpperCase()) {
          case 'USER':
            user = arg
            socket.write(
              user === 'crowded'
                ? '421 Too many users logged in, closing control connection\r\n'
                : '331 Password required\r\n',
            )
            break
          case 'PASS':
            socket.write(arg === 'wrong-secret' ? '530 Login incorrect.\r\n' : '230 Logged in\r\n')
            break
          case 'TYPE':
            socket.write('200 Type set to I\r\n')
            break
          case 'PASV':
            socket.write(
              pasvReply(
                user === 'pasv-refused' ? refusedPort : user === 'pasv-silent' ? silentData.port : data.port,
              ),
            )
            break
          case 'RETR':
            if (arg.includes('missing')) socket.write(`550 ${arg}: No such file or directory\r\n`)
            else if (arg.includes('slow')) break
            else if (arg.includes('locked')) socket.write(`450 ${arg}: file busy, try again later\r\n`)
            else socket.write('150 Opening BINARY mode data connection\r\n')
            break
          case 'STOR':
            if (arg.includes('full')) socket.write('452 Insufficient storage space in system\r\n')
            else socket.write(`553 ${arg}: file name not allowed\r\n`)
            break
          case 'DELE':
            socket.write('500 Syntax error, command unrecognized\r\n')
            break
          default:
            socket.write('502 Command not implemented\r\n')
        }
      }
    })
  })
  const clients: JSFtp[] = []
  const ftp = async (user: string, pass = 'secret') => {
    const c = new JSFtp({ host: '127.0.0.1', port: control.port })
    c.on('error', () => {})
    clients.push(c)
    await new Promise<unknown>((resolve, reject) =>
      c.auth(user, pass, (e, r) => (e ? reject(e) : resolve(r))),
    )
    return c
  }
  const get = (c: JSFtp, path: string) =>
    rejectionOf(() => new Promise((resolve, reject) => c.get(path, (e, s) => (e ? reject(e) : resolve(s)))))
  const put = (c: JSFtp, path: string) =>
    rejectionOf(
      () =>
        new Promise<void>((resolve, reject) =>
          c.put(Buffer.from('%PDF-1.7'), path, (e) => (e ? reject(e) : resolve())),
        ),
    )
  const cases: HeldOutCase[] = []
  try {
    const app = await ftp('app')
    const silent = await ftp('pasv-silent')
    silent.timeout = 300
    cases.push(
      {
        library,
        what: 'connecting to an FTP server on a closed port: the client emits Error "connect ECONNREFUSED" (code ECONNREFUSED)',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await (async () => {
          const c = new JSFtp({ host: '127.0.0.1', port: refusedPort })
          clients.push(c)
          const [emitted] = await once(c, 'error')
          return emitted as unknown
        })(),
      },
      {
        library,
        what: 'login with our wrong password: Error "Login incorrect." with code 530',
        why: 'dependency rejected our own credentials: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => ftp('app', 'wrong-secret')),
      },
      {
        library,
        what: 'login answered "421 Too many users logged in…": Error with code 421',
        why: 'dependency unavailable: too many connections',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => ftp('crowded')),
      },
      {
        library,
        what: 'RETR of an archived report answered "550 …: No such file or directory": Error with code 550',
        why: 'the server said our request failed permanently: our path, 500',
        expect: { status: 500 },
        error: await get(app, 'reports/missing-2024-q3.pdf'),
      },
      {
        library,
        what: 'RETR answered "450 …: file busy, try again later" (transient negative reply): Error with code 450',
        why: 'dependency temporarily unavailable: 503',
        expect: { status: 503, retryable: true },
        error: await get(app, 'reports/locked-2024-q3.pdf'),
      },
      {
        library,
        what: 'STOR answered "452 Insufficient storage space in system": Error with code 452',
        why: 'dependency out of resources (transient reply): 503',
        expect: { status: 503, retryable: true },
        error: await put(app, 'uploads/full/scan.pdf'),
      },
      {
        library,
        what: 'STOR answered "553 …: file name not allowed": Error with code 553',
        why: 'our request was refused: 500',
        expect: { status: 500 },
        error: await put(app, 'uploads/../scan.pdf'),
      },
      {
        library,
        what: 'a raw DELE answered "500 Syntax error, command unrecognized": Error with code 500',
        why: 'our command was wrong: 500',
        expect: { status: 500 },
        error: await rejectionOf(
          () =>
            new Promise((resolve, reject) =>
              app.raw('dele', 'reports/old.pdf', (e, r) => (e ? reject(e) : resolve(r))),
            ),
        ),
      },
      {
        library,
        what: 'RETR whose passive data port refuses: Error "connect ECONNREFUSED" (code ECONNREFUSED, msg added by the client)',
        why: 'dependency unavailable: data connection refused',
        expect: { status: 503, retryable: true },
        error: await get(await ftp('pasv-refused'), 'reports/q3.pdf'),
      },
      {
        library,
        what: 'RETR that the server never answers while its passive data connection stays silent past the 300 ms socket timeout: Error "Passive socket timeout"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await get(silent, 'reports/slow-q3.pdf'),
      },
    )
    return cases
  } finally {
    for (const c of clients) c.destroy()
    await control.close()
    await data.close()
    await silentData.close()
  }
}
