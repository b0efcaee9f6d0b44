import jackd, { type JackdClient } from 'jackd'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, tcpServer } from './support/local.js'

const library = 'jackd'

// jackd's dist ends with `module.exports = JackdClient`: at run time the default import is the
// class itself, while its types describe a module object.
const Jackd = jackd as unknown as typeof JackdClient

export const collect: Collect = async () => {
  // A scripted beanstalkd on 127.0.0.1: every command chunk gets the current reply line.
  let reply = 'INSERTED 1'
  const server = await tcpServer((socket) => {
    socket.on('data', () => {
      socket.write(`${reply}\r\n`)
    })
  })
  const client = new Jackd()
  await client.connect({ host: '127.0.0.1', port: server.port })
  const enqueue = () => client.put({ type: 'send-welcome-mail', userId: 42 }, { ttr: 30 })
  const answered = async (line: string, run: () => Promise<unknown>) => {
    reply = line
    return rejectionOf(run)
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'put to a beanstalkd in drain mode (shutting down): plain Error whose message is the reply "DRAINING"',
      why: 'dependency unavailable: the queue server refuses new jobs for now, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await answered('DRAINING', enqueue),
    })
    cases.push({
      library,
      what: 'put answered OUT_OF_MEMORY ("the client should try again later"): plain Error "OUT_OF_MEMORY"',
      why: 'dependency unavailable: the queue server cannot take the job now, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await answered('OUT_OF_MEMORY', enqueue),
    })
    cases.push({
      library,
      what: 'put of a job larger than the server\'s max-job-size: plain Error "JOB_TOO_BIG"',
      why: 'a dependency rejected our request (our job, our configuration): 500',
      expect: { status: 500 },
      error: await answered('JOB_TOO_BIG', enqueue),
    })
    cases.push({
      library,
      what: 'delete of a job id the server does not know (already deleted or reserved by another worker): plain Error "NOT_FOUND"',
      why: 'a dependency said "not found" to our call: not our client\'s 404, 500',
      expect: { status: 500 },
      error: await answered('NOT_FOUND', () => client.delete('9001')),
    })
    cases.push({
      library,
      what: 'use answered UNKNOWN_COMMAND (our command is not known to this server): plain Error "UNKNOWN_COMMAND"',
      why: 'a dependency rejected our request: 500',
      expect: { status: 500 },
      error: await answered('UNKNOWN_COMMAND', () => client.use('mail')),
    })
    cases.push({
      library,
      what: 'put answered INTERNAL_ERROR (a bug in the server): plain Error "INTERNAL_ERROR"',
      why: 'the dependency answered badly: 502',
      expect: { status: 502, retryable: true },
      error: await answered('INTERNAL_ERROR', enqueue),
    })
    cases.push({
      library,
      what: 'the port answered an HTTP status line instead of beanstalkd: InvalidResponseError "Unexpected response: HTTP/1.1 400 Bad Request" (own key response)',
      why: 'a reply that is not the protocol: 502',
      expect: { status: 502, retryable: true },
      error: await answered('HTTP/1.1 400 Bad Request', enqueue),
    })
    const port = await closedPort()
    cases.push({
      library,
      what: 'connect to a closed loopback port (the net ECONNREFUSED error passed through)',
      why: 'refused / unreachable dependency: 503',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => new Jackd().connect({ host: '127.0.0.1', port })),
    })
    return cases
  } finally {
    await client.quit()
    await server.close()
  }
}
