import type { Socket } from 'node:net'
import nodemailer from 'nodemailer'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT } from './support/http-expect.js'
import { closedPort, startRawUpstream } from './support/http-upstream.js'

const library = 'nodemailer'

/** How the loopback SMTP server behaves for the next session. */
type Mode = 'bad-auth' | 'busy' | 'no-greeting' | 'bad-rcpt' | 'drop-after-ehlo'

/** A minimal SMTP server (RFC 5321) that fails in the way `mode` says. */
function smtp(socket: Socket, mode: Mode): void {
  if (mode === 'no-greeting') return
  if (mode === 'busy') {
    socket.end('421 4.3.2 mail.test Service not available, closing transmission channel\r\n')
    return
  }
  socket.write('220 mail.test ESMTP ready\r\n')
  let buffered = ''
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1')
    let end = buffered.indexOf('\r\n')
    while (end !== -1) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 2)
      const verb = line.split(' ')[0]?.toUpperCase()
      if (verb === 'EHLO' || verb === 'HELO') {
        if (mode === 'drop-after-ehlo') return void socket.destroy()
        socket.write('250-mail.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n')
      } else if (verb === 'AUTH') {
        socket.write(
          mode === 'bad-auth'
            ? '535 5.7.8 Authentication credentials invalid\r\n'
            : '235 2.7.0 Authentication successful\r\n',
        )
      } else if (verb === 'MAIL') socket.write('250 2.1.0 Ok\r\n')
      else if (verb === 'RCPT')
        socket.write('550 5.1.1 <nobody@example.test>: Recipient address rejected\r\n')
      else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n')
      else socket.write('502 5.5.2 Error: command not recognized\r\n')
      end = buffered.indexOf('\r\n')
    }
  })
}

const mail = { from: 'app@example.test', to: 'nobody@example.test', subject: 'hi', text: 'hello' }

export const collect: Collect = async () => {
  let mode: Mode = 'bad-auth'
  const server = await startRawUpstream((socket) => smtp(socket, mode))
  const transport = (port: number) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'app', pass: 'not-the-password' },
      connectionTimeout: 1000,
      greetingTimeout: 250,
      socketTimeout: 1000,
    })
  const send = async (next: Mode) => {
    mode = next
    const t = transport(server.port)
    try {
      return await rejectionOf(() => t.sendMail(mail))
    } finally {
      t.close()
    }
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'SMTP server answered 535 5.7.8 to our credentials (EAUTH)',
      why: 'SDK error caused by our own credentials (upstream said no to us): 500',
      expect: { status: 500 },
      error: await send('bad-auth'),
    })
    cases.push({
      library,
      what: 'SMTP server rejected the recipient with 550 5.1.1 (EENVELOPE)',
      why: 'the upstream rejected the request we built (a permanent 5xx reply of SMTP): 500',
      expect: { status: 500 },
      error: await send('bad-rcpt'),
    })
    cases.push({
      library,
      what: 'SMTP server greeted with 421 4.3.2 Service not available and closed',
      why: 'the upstream said it is unavailable (SMTP 421): dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await send('busy'),
    })
    cases.push({
      library,
      what: "nodemailer's own 250 ms greetingTimeout fired on a server that never greeted (ETIMEDOUT)",
      why: 'dependency too slow (client timeout): 504',
      expect: TIMED_OUT,
      error: await send('no-greeting'),
    })
    cases.push({
      library,
      what: 'SMTP server dropped the connection after EHLO (Connection closed unexpectedly)',
      why: 'connection cut mid-exchange by the upstream: 502',
      expect: RESET,
      error: await send('drop-after-ehlo'),
    })
    const refused = transport(await closedPort())
    try {
      cases.push({
        library,
        what: 'connection refused by a closed loopback port (ESOCKET <- ECONNREFUSED)',
        why: 'refused / unreachable dependency: 503',
        expect: REFUSED,
        error: await rejectionOf(() => refused.sendMail(mail)),
      })
    } finally {
      refused.close()
    }
    return cases
  } finally {
    await server.close()
  }
}
