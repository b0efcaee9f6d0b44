import stompit from 'stompit'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, closingServer, tcpServer } from './support/local.js'

const library = 'stompit'

/** Connects to a STOMP broker on 127.0.0.1:`port`; rejects with what the connect callback gets. */
function connect(port: number): Promise<stompit.Client> {
  return new Promise((resolve, reject) => {
    stompit.connect(
      {
        host: '127.0.0.1',
        port,
        connectHeaders: { host: '/', login: 'app', passcode: 'wrong', 'heart-beat': '0,0' },
      },
      (error, client) => (error ? reject(error) : resolve(client)),
    )
  })
}

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const closing = await closingServer()
  // A broker that answers CONNECT with an ERROR frame, as ActiveMQ / RabbitMQ do for bad credentials.
  // No content-type: with `content-type: text/plain` stompit 1.0.0 destroys the *frame* stream with
  // the error (a `this` slip in Client.js onError), an unhandled 'error' event that kills the process.
  const denying = await tcpServer((socket) => {
    socket.once('data', () => {
      const body = 'Login failed: bad credentials for user app'
      socket.write(
        `ERROR\nmessage:Access refused for user 'app'\ncontent-length:${body.length}\n\n${body}\u0000`,
      )
    })
  })
  // Something on the port that does not speak STOMP.
  const garbage = await tcpServer((socket) => {
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'connect to a broker port that refuses (the net ECONNREFUSED Error, given isTransportError() etc.)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => connect(refusedPort)),
    })
    cases.push({
      library,
      what: 'the broker answers CONNECT with an ERROR frame "Access refused for user \'app\'" (application Error, isApplicationError())',
      why: 'our own credentials rejected by a dependency: misconfiguration, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => connect(denying.port)),
    })
    cases.push({
      library,
      what: 'the broker closes the connection before answering CONNECT (Error "connection ended unexpectedly")',
      why: 'connection closed by the dependency mid-exchange: reset, 502',
      expect: RESET,
      error: await rejectionOf(() => connect(closing.port)),
    })
    cases.push({
      library,
      what: 'the port answers bytes that are not STOMP (an HTTP 400 response: protocol Error "unknown command \'HTTP/1.1 400 Bad Request\'")',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => connect(garbage.port)),
    })
    return cases
  } finally {
    await Promise.all([closing.close(), denying.close(), garbage.close()])
  }
}
