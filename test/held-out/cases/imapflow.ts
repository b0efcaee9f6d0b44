import type { Socket } from 'node:net'
import { ImapFlow } from 'imapflow'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closingServer, hangingServer, tcpServer } from './support/local.js'

/** A scripted IMAP server: greets, then answers each tagged command line with `answer(tag, command)`. */
function imapServer(answer: (tag: string, command: string) => string) {
  return tcpServer((socket: Socket) => {
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.\r\n')
    let pending = ''
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1')
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const [tag = '*', command = ''] = pending.slice(0, end).split(' ')
        pending = pending.slice(end + 2)
        socket.write(answer(tag, command.toUpperCase()))
      }
    })
  })
}

function common(tag: string, command: string): string | undefined {
  if (command === 'CAPABILITY') return `* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`
  if (command === 'LOGOUT') return `* BYE Logging out\r\n${tag} OK Logout completed.\r\n`
  return undefined
}

export const collect: Collect = async () => {
  const rejecting = await imapServer(
    (tag, command) => common(tag, command) ?? `${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`,
  )
  // Logs in, lists, and throttles the rest as Microsoft 365 words it.
  const throttling = await imapServer((tag, command) => {
    const known = common(tag, command)
    if (known) return known
    if (command === 'AUTHENTICATE' || command === 'LOGIN') return `${tag} OK Logged in\r\n`
    if (command === 'LIST') return `* LIST (\\HasNoChildren) "/" "INBOX"\r\n${tag} OK LIST completed.\r\n`
    return `${tag} BAD Request is throttled. Suggested Backoff Time: 150 milliseconds\r\n`
  })
  const hanging = await hangingServer()
  const closing = await closingServer()
  // A server at its limit says BYE instead of OK in its greeting, as Gmail and Dovecot do.
  const full = await tcpServer((socket) =>
    socket.end('* BYE Too many simultaneous connections. (Failure)\r\n'),
  )
  const clients: ImapFlow[] = []
  const client = (port: number) => {
    const made = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'app@example.com', pass: 'app-password' },
      logger: false,
      connectionTimeout: 500,
      greetingTimeout: 300,
      socketTimeout: 2000,
    })
    made.on('error', () => {})
    clients.push(made)
    return made
  }
  try {
    const mailbox = client(throttling.port)
    await mailbox.connect()
    return [
      {
        library: 'imapflow',
        what: 'login with a revoked app password: NO [AUTHENTICATIONFAILED], authenticationFailed',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(rejecting.port).connect()),
      },
      {
        library: 'imapflow',
        what: 'the mail server throttles a command (BAD Request is throttled): code ETHROTTLE',
        why: 'dependency unavailable: throttling',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => mailbox.mailboxOpen('INBOX')),
      },
      {
        library: 'imapflow',
        what: 'the server accepts TCP and never greets: code GREETING_TIMEOUT',
        why: 'dependency too slow: client timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => client(hanging.port).connect()),
      },
      {
        library: 'imapflow',
        what: 'the server closes the connection before greeting: code ClosedAfterConnectText',
        why: 'connection closed by the dependency mid-exchange: reset, 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => client(closing.port).connect()),
      },
      {
        library: 'imapflow',
        what: 'the server greets with BYE Too many simultaneous connections: ClosedAfterConnectText',
        why: 'dependency unavailable: too many connections',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client(full.port).connect()),
      },
    ]
  } finally {
    for (const made of clients) made.close()
    await full.close()
    await closing.close()
    await hanging.close()
    await throttling.close()
    await rejecting.close()
  }
}
