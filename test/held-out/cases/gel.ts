// gel (the EdgeDB/Gel client): against a scripted Gel server on 127.0.0.1 that speaks TLS with ALPN
// "edgedb-binary", completes the handshake (AuthenticationOK, ServerKeyData, ReadyForCommand) and
// answers each Parse with the server's ErrorResponse ('E': severity, error code, message,
// attributes), laid out as the client's own parser reads it (dist/baseConn.js _parseErrorMessage).
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { createServer, type TLSSocket } from 'node:tls'
import { createClient } from 'gel'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

const library = 'gel'
const support = new URL('./support/', import.meta.url)
const cert = readFileSync(new URL('loopback-cert.pem', support))
const key = readFileSync(new URL('loopback-key.pem', support))

function message(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head.write(type, 0, 'latin1')
  head.writeInt32BE(payload.length + 4, 1)
  return Buffer.concat([head, payload])
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(b.length)
  return Buffer.concat([len, b])
}

function errorResponse(code: number, text: string, hint?: string): Buffer {
  const head = Buffer.alloc(5)
  head[0] = 120 // severity ERROR
  head.writeUInt32BE(code, 1)
  const attrs: Buffer[] = []
  if (hint !== undefined) {
    const k = Buffer.alloc(2)
    k.writeUInt16BE(0x0001) // hint
    attrs.push(k, str(hint))
  }
  const count = Buffer.alloc(2)
  count.writeUInt16BE(attrs.length / 2)
  return message('E', Buffer.concat([head, str(text), count, ...attrs]))
}

const ready = message('Z', Buffer.from([0, 0, 'I'.charCodeAt(0)]))
const authOk = message('R', Buffer.from([0, 0, 0, 0]))
const keyData = message('K', Buffer.alloc(32, 7))

type Script = { handshake?: Buffer; parse?: Buffer; garbage?: boolean }

async function gelServer(script: Script) {
  const sockets = new Set<Socket>()
  const server = createServer({ cert, key, ALPNProtocols: ['edgedb-binary'] }, (socket: TLSSocket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 5) {
        const type = String.fromCharCode(pending[0] ?? 0)
        const len = pending.readInt32BE(1)
        if (pending.length < 1 + len) return
        pending = pending.subarray(1 + len)
        if (type === 'V') {
          if (script.garbage) socket.write(message('!', Buffer.from('not gel')))
          else socket.write(script.handshake ?? Buffer.concat([authOk, keyData, ready]))
        } else if ((type === 'P' || type === 'O') && script.parse) socket.write(script.parse)
        else if (type === 'S') socket.write(ready)
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  return {
    port,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function caught(
  port: number,
  run: (client: ReturnType<typeof createClient>) => Promise<unknown>,
  timeout?: number,
): Promise<unknown> {
  const client = createClient({
    host: '127.0.0.1',
    port,
    user: 'app',
    branch: 'main',
    tlsSecurity: 'insecure',
    waitUntilAvailable: 0,
    ...(timeout ? { timeout } : {}),
  }).withRetryOptions({ attempts: 1 })
  try {
    return await rejectionOf(() => run(client))
  } finally {
    await client.close()
  }
}

async function scripted(script: Script, run: (client: ReturnType<typeof createClient>) => Promise<unknown>) {
  const server = await gelServer(script)
  try {
    return await caught(server.port, run)
  } finally {
    await server.close()
  }
}

/** The client prints "Unexpected connection error:" to console.error before it rethrows a handshake error. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const original = console.error
  console.error = () => {}
  try {
    return await run()
  } finally {
    console.error = original
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const insertUser = (c: ReturnType<typeof createClient>) =>
    c.execute('insert User { email := <str>$email }', { email: 'ada@example.com' })
  const parseError = (code: number, text: string, hint?: string) => ({
    parse: errorResponse(code, text, hint),
  })

  cases.push({
    library,
    what: 'query to a Gel port that refuses connections (waitUntilAvailable 0): ClientConnectionClosedError "network error: Error: connect ECONNREFUSED 127.0.0.1:…" (cause ECONNREFUSED)',
    why: 'database unreachable (refused)',
    expect: { status: 503, retryable: true },
    error: await caught(await closedPort(), insertUser),
  })

  {
    const server = await hangingServer()
    cases.push({
      library,
      what: 'Gel port accepts TCP and never completes the TLS handshake; connect timeout 300 ms: ClientConnectionTimeoutError "connection timed out (300ms)"',
      why: 'dependency too slow (connect timeout)',
      expect: { status: 504, retryable: true },
      error: await caught(server.port, insertUser, 300),
    })
    await server.close()
  }

  cases.push({
    library,
    what: 'the server answers the client handshake with a message of an unknown type \'!\': UnexpectedMessageError "unexpected message type 33 ("!")" (the client also prints it to console.error)',
    why: 'dependency broke its protocol → answered badly',
    expect: { status: 502, retryable: true },
    error: await quietly(() => scripted({ garbage: true }, insertUser)),
  })

  cases.push({
    library,
    what: 'handshake answered with ErrorResponse 0x07010000: AuthenticationError "authentication failed" (our user/password rejected)',
    why: 'a dependency rejected our credentials → misconfiguration',
    expect: { status: 500 },
    error: await quietly(() =>
      scripted({ handshake: errorResponse(0x07_01_00_00, 'authentication failed') }, insertUser),
    ),
  })

  cases.push({
    library,
    what: 'insert of a user whose email is taken: ConstraintViolationError 0x05020001 "email violates exclusivity constraint"',
    why: "unique violation on the client's data → conflict",
    expect: { status: 409 },
    error: await scripted(parseError(0x05_02_00_01, 'email violates exclusivity constraint'), insertUser),
  })

  cases.push({
    library,
    what: 'insert of a user with a negative age: ConstraintViolationError 0x05020001 "Minimum allowed value for age is 0."',
    why: 'check constraint on well-formed client data → validation (ambiguous: same class as the exclusivity violation, only the message differs)',
    expect: { status: 422 },
    error: await scripted(parseError(0x05_02_00_01, 'Minimum allowed value for age is 0.'), (c) =>
      c.execute('insert User { email := <str>$email, age := <int32>$age }', {
        email: 'b@example.com',
        age: -3,
      }),
    ),
  })

  cases.push({
    library,
    what: "insert without the required name the client left empty: MissingRequiredError 0x05020003 \"missing value for required property 'name' of object type 'default::User'\"",
    why: "not-null violation on the client's data → validation",
    expect: { status: 422 },
    error: await scripted(
      parseError(0x05_02_00_03, "missing value for required property 'name' of object type 'default::User'"),
      insertUser,
    ),
  })

  cases.push({
    library,
    what: 'the client\'s id "abc" cast with <uuid>: InvalidValueError 0x05010000 "invalid input syntax for type std::uuid: \'abc\'"',
    why: 'a malformed value from the client reached the engine → 400',
    expect: { status: 400 },
    error: await scripted(parseError(0x05_01_00_00, "invalid input syntax for type std::uuid: 'abc'"), (c) =>
      c.querySingle('select User filter .id = <uuid><str>$id', { id: 'abc' }),
    ),
  })

  cases.push({
    library,
    what: 'two requests update the same object (retry attempts 1): TransactionSerializationError 0x05030101 "could not serialize access due to concurrent update"',
    why: 'serialization failure, a retry fixes it',
    expect: { status: 503, retryable: true },
    error: await scripted(
      parseError(0x05_03_01_01, 'could not serialize access due to concurrent update'),
      (c) =>
        c.execute('update User filter .id = <uuid>$id set { visits := .visits + 1 }', {
          id: crypto.randomUUID(),
        }),
    ),
  })

  cases.push({
    library,
    what: 'a report query exceeds query_execution_timeout: QueryTimeoutError 0x04060200 "canceling statement due to statement timeout"',
    why: 'statement timeout of the database',
    expect: { status: 504, retryable: true },
    error: await scripted(parseError(0x04_06_02_00, 'canceling statement due to statement timeout'), (c) =>
      c.query('select Order { total } filter .created > <datetime>$since', { since: new Date(0) }),
    ),
  })

  cases.push({
    library,
    what: 'the server\'s Postgres backend is down: BackendUnavailableError 0x08000001 "Postgres is not available" (retry attempts 1)',
    why: 'dependency unavailable',
    expect: { status: 503, retryable: true },
    error: await scripted(parseError(0x08_00_00_01, 'Postgres is not available'), insertUser),
  })

  cases.push({
    library,
    what: 'our EdgeQL misspells a type: InvalidReferenceError 0x04030000 "object type or alias \'default::Usr\' does not exist"',
    why: 'our own bad query',
    expect: { status: 500 },
    error: await scripted(
      parseError(
        0x04_03_00_00,
        "object type or alias 'default::Usr' does not exist",
        "did you mean 'default::User'?",
      ),
      (c) => c.query('select Usr'),
    ),
  })

  cases.push({
    library,
    what: 'querySingle of a query that returned 2 rows where we expected at most one: ResultCardinalityMismatchError 0x03030000 from the server',
    why: 'our own bug (wrong cardinality assumption)',
    expect: { status: 500 },
    error: await scripted(
      parseError(
        0x03_03_00_00,
        'the query has cardinality MANY which does not match the expected cardinality AT_MOST_ONE',
      ),
      (c) => c.querySingle('select User filter .name = <str>$name', { name: 'Ada' }),
    ),
  })

  return cases
}
