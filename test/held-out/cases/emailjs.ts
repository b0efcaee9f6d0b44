import { type MessageHeaders, SMTPClient } from 'emailjs'
import { SMTPServer } from 'smtp-server'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, closingServer, hangingServer } from './support/local.js'

/** An SMTP error as smtp-server sends it: its message, with this reply code. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code })
}

/** A plain-text SMTP server on 127.0.0.1 that takes one password, and a way to stop it. */
async function mailServer(
  options: { busy?: boolean } = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onConnect(_session, done) {
      done(options.busy ? reply(421, 'Too many concurrent connections, try again later') : null)
    },
    onAuth(auth, _session, done) {
      if (auth.password === 'current') done(null, { user: auth.username })
      else done(reply(535, '5.7.8 Authentication credentials invalid'))
    },
    onData(stream, _session, done) {
      stream.resume()
      stream.on('end', () => done())
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    port: (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export const collect: Collect = async () => {
  const mail = await mailServer()
  const busy = await mailServer({ busy: true })
  const hanging = await hangingServer()
  const closing = await closingServer()
  const clients: SMTPClient[] = []
  const message: MessageHeaders = {
    from: 'app@example.org',
    to: 'alice@example.org',
    subject: 'Your receipt',
    text: 'Thank you for your order.',
  }
  const send = (port: number, password = 'current'): Promise<unknown> => {
    const client = new SMTPClient({
      host: '127.0.0.1',
      port,
      user: 'app',
      password,
      tls: false,
      timeout: 300,
    })
    clients.push(client)
    return rejectionOf(() => client.sendAsync(message))
  }
  try {
    return [
      {
        library: 'emailjs',
        what: 'send to a closed port: SMTPError "connection encountered an error (connect ECONNREFUSED)"',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await send(await closedPort()),
      },
      {
        library: 'emailjs',
        what: 'the mail server never greets: SMTPError "timedout while connecting to smtp server"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await send(hanging.port),
      },
      {
        library: 'emailjs',
        what: 'the mail server closes the connection at once: SMTPError "connection has ended"',
        why: 'dependency reset the connection',
        expect: { status: 502, retryable: true },
        error: await send(closing.port),
      },
      {
        library: 'emailjs',
        what: 'the mail server greets with 421 "Too many concurrent connections": SMTPError "bad response"',
        why: 'dependency unavailable: the server says so (SMTP 421 service not available)',
        expect: { status: 503, retryable: true },
        error: await send(busy.port),
      },
      {
        library: 'emailjs',
        what: 'the mail server answers 535 to our login: SMTPError "authorization.failed"',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await send(mail.port, 'stale'),
      },
    ]
  } finally {
    for (const client of clients) client.smtp.close(true)
    await mail.close()
    await busy.close()
    await hanging.close()
    await closing.close()
  }
}
