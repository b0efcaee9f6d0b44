// tarantool-driver: against a scripted Tarantool on 127.0.0.1 that sends the 128-byte greeting and
// answers each IPROTO request with the error response the engine sends (code 0x8000 | errcode,
// IPROTO_ERROR_24 message), copied from the driver's own parser (lib/parser.js).
import type { Socket } from 'node:net'
import Tarantool from 'tarantool-driver'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, tcpServer } from './support/local.js'

const library = 'tarantool-driver'

const greeting = (() => {
  const b = Buffer.alloc(128, 0x20)
  b.write('Tarantool 2.11.1 (Binary) 7e3ecba4-9d3c-11ee-8c90-0242ac120002', 0, 'latin1')
  b[63] = 0x0a
  b.write('pQOFRoiMVzBdNoM9KqUDyWNEd9y0bNj7nHyG9lAHa3k=', 64, 'latin1')
  b[127] = 0x0a
  return b
})()

/** One IPROTO error response: header {code, sync, schema_version}, body {0x31: message}. */
function errorFrame(sync: number, errcode: number, message: string): Buffer {
  const text = Buffer.from(message, 'utf8')
  const header = Buffer.alloc(15)
  header[0] = 0x83
  header[1] = 0x00
  header[2] = 0xce
  header.writeUInt32BE(0x8000 | errcode, 3)
  header[7] = 0x01
  header[8] = 0xce
  header.writeUInt32BE(sync, 9)
  header[13] = 0x05
  header[14] = 0x01
  const body = Buffer.alloc(5)
  body[0] = 0x81
  body[1] = 0x31
  body[2] = 0xda
  body.writeUInt16BE(text.length, 3)
  const payload = Buffer.concat([header, body, text])
  const len = Buffer.alloc(5)
  len[0] = 0xce
  len.writeUInt32BE(payload.length, 1)
  return Buffer.concat([len, payload])
}

/** Sends the greeting, then answers every request (auth included) with the error. */
function scripted(answer: (requestCode: number) => [number, string] | 'garbage') {
  return tcpServer((socket: Socket) => {
    socket.write(greeting)
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= 5) {
        const len = pending.readUInt32BE(1)
        if (pending.length < 5 + len) return
        const frame = pending.subarray(0, 5 + len)
        pending = pending.subarray(5 + len)
        const code = frame[7] ?? 0
        const sync = frame.readUInt32BE(10)
        const a = answer(code)
        if (a === 'garbage') {
          socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n')
          continue
        }
        socket.write(errorFrame(sync, a[0], a[1]))
      }
    })
  })
}

async function caught(
  port: number,
  run: (conn: Tarantool) => Promise<unknown>,
  extra: { password?: string } = {},
): Promise<unknown> {
  const conn = new Tarantool({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    retryStrategy: null,
    ...(extra.password ? { username: 'app', password: extra.password } : {}),
  })
  conn.on('error', () => {})
  try {
    return await rejectionOf(async () => {
      await conn.connect()
      return run(conn)
    })
  } finally {
    conn.disconnect()
  }
}

const AUTH = 0x07

async function engineError(errcode: number, message: string, run: (c: Tarantool) => Promise<unknown>) {
  const server = await scripted(() => [errcode, message])
  try {
    return await caught(server.port, run)
  } finally {
    await server.close()
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const insertUser = (c: Tarantool) =>
    c.sql('INSERT INTO "users" ("id", "email") VALUES (?, ?)', [7, 'ada@example.com'])

  cases.push({
    library,
    what: 'connect to a Tarantool port that refuses connections: connect() rejects with Error "Connection is closed." (the socket error ECONNREFUSED goes to the error event)',
    why: 'database unreachable (refused)',
    expect: { status: 503, retryable: true },
    error: await caught(await closedPort(), insertUser),
  })

  {
    const server = await scripted((code) =>
      code === AUTH ? [47, 'User not found or supplied credentials are invalid'] : [0, ''],
    )
    cases.push({
      library,
      what: 'INSERT queued while connecting; auth with a password the instance does not accept: the INSERT rejects with TarantoolError "User not found or supplied credentials are invalid" (ER_CREDS_MISMATCH 47)',
      why: 'a dependency rejected our credentials → misconfiguration',
      expect: { status: 500 },
      error: await (async () => {
        // Not lazy: the INSERT waits in the offline queue and is rejected with the auth error.
        const conn = new Tarantool({
          host: '127.0.0.1',
          port: server.port,
          retryStrategy: null,
          username: 'app',
          password: 'wrong',
        })
        conn.on('error', () => {})
        try {
          return await rejectionOf(() => insertUser(conn))
        } finally {
          conn.disconnect()
        }
      })(),
    })
    await server.close()
  }

  cases.push({
    library,
    what: 'INSERT of a user whose email is already taken: TarantoolError "Duplicate key exists in unique index "unique_unnamed_users_2" in space "users" …" (ER_TUPLE_FOUND 3)',
    why: "unique violation on the client's data → conflict",
    expect: { status: 409 },
    error: await engineError(
      3,
      'Duplicate key exists in unique index "unique_unnamed_users_2" in space "users" with old tuple - [3, "ada@example.com"] and new tuple - [7, "ada@example.com"]',
      insertUser,
    ),
  })

  cases.push({
    library,
    what: 'INSERT with the client\'s email NULL into a NOT NULL column: TarantoolError "Failed to execute SQL statement: NOT NULL constraint failed: users.email" (ER_SQL_EXECUTE 182)',
    why: "not-null violation on the client's data → validation",
    expect: { status: 422 },
    error: await engineError(
      182,
      'Failed to execute SQL statement: NOT NULL constraint failed: users.email',
      (c) => c.sql('INSERT INTO "users" ("id", "email") VALUES (?, ?)', [8, null]),
    ),
  })

  cases.push({
    library,
    what: 'INSERT with a negative age that a CHECK rejects: TarantoolError "Check constraint \'ck_age\' failed for tuple" (ER_CK_CONSTRAINT_FAILED 306)',
    why: "check violation on the client's data → validation",
    expect: { status: 422 },
    error: await engineError(306, "Check constraint 'ck_age' failed for tuple", (c) =>
      c.sql('INSERT INTO "users" ("id", "email", "age") VALUES (?, ?, ?)', [9, 'b@example.com', -3]),
    ),
  })

  cases.push({
    library,
    what: 'INSERT of an order for a user id the client sent that does not exist: TarantoolError "Foreign key constraint \'fk_orders_user\' failed: foreign tuple was not found" (ER_FOREIGN_KEY_CONSTRAINT 367)',
    why: "FK violation on the client's data → conflict",
    expect: { status: 409 },
    error: await engineError(
      367,
      "Foreign key constraint 'fk_orders_user' failed: foreign tuple was not found",
      (c) => c.sql('INSERT INTO "orders" ("id", "user_id") VALUES (?, ?)', [1, 424242]),
    ),
  })

  cases.push({
    library,
    what: 'the client\'s id "abc" bound to an integer column: TarantoolError "Type mismatch: can not convert string(\'abc\') to integer" (ER_SQL_TYPE_MISMATCH 206)',
    why: 'a malformed value from the client reached the engine → 400',
    expect: { status: 400 },
    error: await engineError(206, "Type mismatch: can not convert string('abc') to integer", (c) =>
      c.sql('SELECT * FROM "users" WHERE "id" = ?', ['abc']),
    ),
  })

  cases.push({
    library,
    what: 'two fibers update the same tuple under MVCC: TarantoolError "Transaction has been aborted by conflict" (ER_TRANSACTION_CONFLICT 97)',
    why: 'serialization failure, a retry fixes it',
    expect: { status: 503, retryable: true },
    error: await engineError(97, 'Transaction has been aborted by conflict', (c) =>
      c.call('transfer', 1, 2, 100),
    ),
  })

  cases.push({
    library,
    what: 'a write sent to a replica: TarantoolError "Can\'t modify data on a read-only instance - box.cfg.read_only is true" (ER_READONLY 358, no nonWritableHostPolicy)',
    why: 'ambiguous: the primary is elsewhere (failover in progress); dependency unavailable for writes fits best',
    expect: { status: 503, retryable: true },
    error: await engineError(
      358,
      "Can't modify data on a read-only instance - box.cfg.read_only is true",
      insertUser,
    ),
  })

  cases.push({
    library,
    what: 'a stored procedure exceeds box.txn timeout: TarantoolError "Transaction has been aborted by timeout" (ER_TRANSACTION_TIMEOUT 255)',
    why: 'statement/transaction timeout of the database',
    expect: { status: 504, retryable: true },
    error: await engineError(255, 'Transaction has been aborted by timeout', (c) =>
      c.call('rebuild_report', 2026),
    ),
  })

  cases.push({
    library,
    what: 'our SQL has a typo: TarantoolError "Syntax error at line 1 near \'SELEC\'" (ER_SQL_SYNTAX_NEAR_TOKEN 173)',
    why: 'our own bad query',
    expect: { status: 500 },
    error: await engineError(173, "Syntax error at line 1 near 'SELEC'", (c) =>
      c.sql('SELEC * FROM "users"'),
    ),
  })

  {
    const server = await scripted(() => 'garbage')
    cases.push({
      library,
      what: 'the port is an HTTP proxy, not Tarantool: it answers the first request with an HTTP response and closes: the pending call rejects with TarantoolError "Connection is closed."',
      why: 'dependency broke its protocol → answered badly',
      expect: { status: 502, retryable: true },
      error: await caught(server.port, (c) => c.call('create_user', 'ada')),
    })
    await server.close()
  }

  return cases
}
