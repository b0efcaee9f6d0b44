// fivebeans (a beanstalkd work-queue client) against a scripted beanstalkd on 127.0.0.1 that
// answers the protocol's error replies, a closed port and a socket that answers garbage: a server
// that enqueues background jobs from a request.
import { once } from 'node:events'
import { createRequire } from 'node:module'
import type { Socket } from 'node:net'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, type LocalServer, tcpServer } from './support/local.js'

const require = createRequire(import.meta.url)
const fivebeans: any = require('fivebeans')

const library = 'fivebeans'

/** A beanstalkd stand-in: `use` is accepted, every other command is answered by `reply`. */
function beanstalkd(reply: (command: string) => string): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let pending = ''
    let skipBody = false
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (let at = pending.indexOf('\r\n'); at >= 0; at = pending.indexOf('\r\n')) {
        const line = pending.slice(0, at)
        pending = pending.slice(at + 2)
        if (skipBody) {
          skipBody = false
          continue
        }
        if (line.startsWith('put ')) skipBody = true
        const tube = line.slice(4)
        if (line.startsWith('use ') && /^[A-Za-z0-9+/;.$_()-]+$/.test(tube)) {
          socket.write(`USING ${tube}\r\n`)
          continue
        }
        socket.write(reply(line))
      }
    })
  })
}

async function connect(port: number): Promise<any> {
  const client = new fivebeans.client('127.0.0.1', port)
  const ready = once(client, 'connect')
  client.connect()
  await ready
  return client
}

const call = (run: (cb: (err: unknown, ...rest: unknown[]) => void) => void) =>
  new Promise((resolve, reject) => run((err, ...rest) => (err ? reject(err) : resolve(rest))))

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const putScenarios: Array<{ answer: string; what: string; why: string; expect: HeldOutCase['expect'] }> = [
    {
      answer: 'OUT_OF_MEMORY',
      what: 'beanstalkd answered OUT_OF_MEMORY to put: the callback got the string "OUT_OF_MEMORY"',
      why: 'dependency out of resources: unavailable, retryable',
      expect: { status: 503, retryable: true },
    },
    {
      answer: 'DRAINING',
      what: 'beanstalkd is in drain mode and answered DRAINING to put: the callback got the string "DRAINING"',
      why: 'dependency not accepting work for now: unavailable, retryable',
      expect: { status: 503, retryable: true },
    },
    {
      answer: 'INTERNAL_ERROR',
      what: 'beanstalkd answered INTERNAL_ERROR to put: the callback got the string "INTERNAL_ERROR"',
      why: 'dependency failed on its side: upstream answered badly',
      expect: { status: 502, retryable: true },
    },
    {
      answer: 'JOB_TOO_BIG',
      what: 'beanstalkd answered JOB_TOO_BIG to a 70 kB put (over its max-job-size): the callback got the string "JOB_TOO_BIG"',
      why: 'dependency rejected our request (we built a job over its limit) → 500; ambiguous: the payload came from the request body, but nothing of ours checked a size',
      expect: { status: 500 },
    },
    {
      answer: 'HTTP/1.1 400 Bad Request',
      what: 'the queue port answered put with an HTTP status line: the callback got the string "HTTP/1.1"',
      why: 'dependency broke its protocol: answered badly',
      expect: { status: 502, retryable: true },
    },
  ]
  for (const s of putScenarios) {
    const server = await beanstalkd(() => `${s.answer}\r\n`)
    const client = await connect(server.port)
    try {
      const error = await rejectionOf(async () => {
        await call((cb) => client.use('emails', cb))
        await call((cb) => client.put(0, 0, 60, 'x'.repeat(s.answer === 'JOB_TOO_BIG' ? 70_000 : 20), cb))
      })
      add({ what: s.what, why: s.why, expect: s.expect, error })
    } finally {
      client.end()
      await server.close()
    }
  }

  const server = await beanstalkd((line) =>
    line.startsWith('delete ') ? 'NOT_FOUND\r\n' : 'UNKNOWN_COMMAND\r\n',
  )
  const client = await connect(server.port)
  try {
    add({
      what: 'our worker deleted job 4711 after its TTR had run out and another worker took it: the callback got the string "NOT_FOUND"',
      why: 'dependency rejected our request (our stale job id, our bug) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => call((cb) => client.destroy(4711, cb))),
    })
    add({
      what: 'our code used a tube name with a space and "!" ("mail out!"): beanstalkd answered UNKNOWN_COMMAND, the callback got the string "UNKNOWN_COMMAND"',
      why: 'our own bug (malformed command we sent) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => call((cb) => client.use('mail out!', cb))),
    })
  } finally {
    client.end()
    await server.close()
  }

  const idle = new fivebeans.client('127.0.0.1', 1)
  add({
    what: 'our code called put() before connect(): TypeError "Cannot read properties of null (reading \'write\')"',
    why: 'our own bug (call on a client that is not connected): everything else',
    expect: { status: 500 },
    error: await rejectionOf(() => call((cb) => idle.put(0, 0, 60, 'x', cb))),
  })

  const port = await closedPort()
  const refused = new fivebeans.client('127.0.0.1', port)
  const emitted = once(refused, 'error').then(([error]) => error)
  refused.connect()
  add({
    what: 'queue port closed: the client emitted "error" with ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await emitted,
  })
  return cases
}
