// smtp-client (an SMTP client on a socket) against a real `smtp-server` on 127.0.0.1, a closed
// port, and scripted sockets: the errors a server that sends mail through a relay meets.
import { once } from 'node:events'
import { SMTPClient } from 'smtp-client'
import { SMTPServer } from 'smtp-server'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const library = 'smtp-client'

type Reject = Error & { responseCode?: number }
const smtpError = (message: string, responseCode: number): Reject =>
  Object.assign(new Error(message), { responseCode })

async function relay(
  options: ConstructorParameters<typeof SMTPServer>[0],
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    ...options,
  })
  server.on('error', () => {})
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  const port = (server.server.address() as { port: number }).port
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** Opens a session (connect + EHLO) to `port` and runs `steps`; closes the client whatever happens. */
async function session(port: number, steps: (c: SMTPClient) => Promise<void>): Promise<unknown> {
  const client = new SMTPClient({ host: '127.0.0.1', port })
  try {
    return await rejectionOf(async () => {
      await client.connect({ timeout: 2000 })
      await client.greet({ hostname: 'app.local', timeout: 2000 })
      await steps(client)
    })
  } finally {
    await client.close({ timeout: 500 }).catch(() => {})
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const server = await relay({
    hideSMTPUTF8: true,
    authMethods: ['LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'app' && auth.password === 'right') callback(null, { user: 'app' })
      else callback(smtpError('Authentication credentials invalid', 535))
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(
          smtpError('5.1.1 <nobody@example.test>: Recipient address rejected: User unknown', 550),
        )
      if (address.address.startsWith('full@'))
        return callback(smtpError('4.2.2 Mailbox full, try again later', 452))
      if (address.address.startsWith('greylist@'))
        return callback(smtpError('4.7.1 Greylisted, please try again later', 450))
      callback()
    },
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => callback(smtpError('4.3.0 Queue write error, try again later', 451)))
    },
  })
  try {
    add({
      what: 'relay answered 535 "Authentication credentials invalid" to our AUTH LOGIN (smtp-client response error, name "", code "535")',
      why: 'dependency rejects our credentials: misconfiguration',
      expect: { status: 500 },
      error: await session(server.port, (c) => c.authLogin({ username: 'app', password: 'wrong' })),
    })
    add({
      what: 'relay answered 550 "Recipient address rejected: User unknown" to RCPT TO (smtp-client response error, name "", code "550")',
      why: 'upstream rejected our request permanently → 500 (ambiguous: the address may be user input)',
      expect: { status: 500 },
      error: await session(server.port, async (c) => {
        await c.mail({ from: 'app@example.test' })
        await c.rcpt({ to: 'nobody@example.test' })
      }),
    })
    add({
      what: 'relay answered 452 "Mailbox full, try again later" to RCPT TO (smtp-client response error, name "", code "452")',
      why: 'dependency temporarily unable (4xx transient reply): unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await session(server.port, async (c) => {
        await c.mail({ from: 'app@example.test' })
        await c.rcpt({ to: 'full@example.test' })
      }),
    })
    add({
      what: 'relay answered 450 "Greylisted, please try again later" to RCPT TO (smtp-client response error, name "", code "450")',
      why: 'dependency temporarily refuses (transient reply): unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await session(server.port, async (c) => {
        await c.mail({ from: 'app@example.test' })
        await c.rcpt({ to: 'greylist@example.test' })
      }),
    })
    add({
      what: 'relay answered 451 "Queue write error, try again later" after DATA (smtp-client response error, name "", code "451")',
      why: 'dependency failed transiently (local error in processing): unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await session(server.port, async (c) => {
        await c.mail({ from: 'app@example.test' })
        await c.rcpt({ to: 'someone@example.test' })
        await c.data('Subject: hi\r\n\r\nhello\r\n')
      }),
    })
    add({
      what: 'our code called mail({ utf8: true }) on a relay that does not announce SMTPUTF8: Error "Server does not support UTF8 mailboxes"',
      why: 'our own misconfiguration / bug: everything else',
      expect: { status: 500 },
      error: await session(server.port, (c) => c.mail({ from: 'app@example.test', utf8: true })),
    })
    add({
      what: 'our mailer is configured for AUTH PLAIN, the relay offers only LOGIN: Error "SMTP server does not support the PLAIN authentication mechanism"',
      why: 'our own misconfiguration: everything else',
      expect: { status: 500 },
      error: await session(server.port, (c) => c.authPlain({ username: 'app', password: 'right' })),
    })
    add({
      what: 'our code called rcpt() on a client that was never connected: rejected "Socket has closed"',
      why: 'our own bug: everything else',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        new SMTPClient({ host: '127.0.0.1', port: server.port }).rcpt({ to: 'a@b.test' }),
      ),
    })
  } finally {
    await server.close()
  }

  const busy = await relay({ maxClients: 1 })
  const holder = new SMTPClient({ host: '127.0.0.1', port: busy.port })
  try {
    await holder.connect({ timeout: 2000 })
    const client = new SMTPClient({ host: '127.0.0.1', port: busy.port })
    add({
      what: 'relay greeted with 421 "<hostname> Too many connected clients, try again in a moment" (smtp-client response error, name "", code "421")',
      why: 'dependency overloaded / busy: unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => client.connect({ timeout: 2000 })),
    })
    await client.close({ timeout: 500 }).catch(() => {})
  } finally {
    await holder.close({ timeout: 500 }).catch(() => {})
    await busy.close()
  }

  const port = await closedPort()
  const refused = new SMTPClient({ host: '127.0.0.1', port })
  add({
    what: 'relay port closed: connect() rejected with ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => refused.connect({ timeout: 2000 })),
  })

  const silent = await hangingServer()
  const waiting = new SMTPClient({ host: '127.0.0.1', port: silent.port })
  try {
    add({
      what: 'relay accepted the TCP connection and never sent its greeting: connect({ timeout: 200 }) rejected "Command has timed out"',
      why: 'dependency too slow: our timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => waiting.connect({ timeout: 200 })),
    })
  } finally {
    await waiting.close({ timeout: 500 }).catch(() => {})
    await silent.close()
  }

  const dropping = await tcpServer((socket) => {
    socket.write('220 relay.test ESMTP\r\n')
    socket.once('data', () => socket.destroy())
  })
  const dropped = new SMTPClient({ host: '127.0.0.1', port: dropping.port })
  try {
    add({
      what: 'relay greeted, then closed the connection when we sent EHLO: rejected "Socket has closed"',
      why: 'dependency dropped the connection mid-protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(async () => {
        await dropped.connect({ timeout: 2000 })
        await dropped.greet({ hostname: 'app.local', timeout: 2000 })
      }),
    })
  } finally {
    await dropped.close({ timeout: 500 }).catch(() => {})
    await dropping.close()
  }
  return cases
}
