import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { rejectionOf } from '../support/caught.js'

/**
 * A loopback server speaking enough of the MySQL client/server protocol (Protocol::HandshakeV10,
 * OK_Packet, ERR_Packet) for the real mysql2 client: the text of each query chooses the answer.
 * `ERR <errno> <sqlstate> <message>` answers with that ERR packet, `DROP` closes the socket, and
 * `HANG` gets no answer.
 */
function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUIntLE(payload.length, 0, 3)
  header.writeUInt8(sequence, 3)
  return Buffer.concat([header, payload])
}

function errPacket(sequence: number, errno: number, sqlState: string, text: string): Buffer {
  const head = Buffer.alloc(3)
  head.writeUInt8(0xff, 0)
  head.writeUInt16LE(errno, 1)
  return packet(sequence, Buffer.concat([head, Buffer.from(`#${sqlState}${text}`)]))
}

function handshake(): Buffer {
  const capabilities = 0x000ba20f // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, MULTI_RESULTS …
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10)
  let at = 0
  at = fixed.writeUInt32LE(7, at)
  at += Buffer.from('abcdefgh').copy(fixed, at)
  at = fixed.writeUInt8(0, at)
  at = fixed.writeUInt16LE(capabilities & 0xffff, at)
  at = fixed.writeUInt8(0xff, at)
  at = fixed.writeUInt16LE(0x0002, at)
  at = fixed.writeUInt16LE(capabilities >>> 16, at)
  fixed.writeUInt8(21, at)
  return packet(
    0,
    Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('8.0.36-fake\0'),
      fixed,
      Buffer.from('ijklmnopqrst\0'),
      Buffer.from('mysql_native_password\0'),
    ]),
  )
}

const ok = (sequence: number) => packet(sequence, Buffer.from([0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]))

function handle(socket: Socket): void {
  let buffer = Buffer.alloc(0)
  let authenticated = false
  socket.on('error', () => {})
  socket.write(handshake())
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    while (buffer.length >= 4 && buffer.length >= buffer.readUIntLE(0, 3) + 4) {
      const length = buffer.readUIntLE(0, 3)
      const payload = buffer.subarray(4, 4 + length)
      buffer = buffer.subarray(4 + length)
      if (!authenticated) {
        authenticated = true // any HandshakeResponse41 is accepted
        socket.write(ok(2))
        continue
      }
      if (payload[0] === 0x01) socket.end() // COM_QUIT
      if (payload[0] !== 0x03) continue // COM_QUERY
      const text = payload.subarray(1).toString()
      const err = /^ERR (\d+) (\w{5}) (.*)$/.exec(text)
      if (err) socket.write(errPacket(1, Number(err[1]), err[2] as string, err[3] as string))
      else if (text === 'DROP') socket.destroy()
      // 'HANG': no answer
    }
  })
}

describe('mysql: mysql2 against a loopback server sending real ERR packets', () => {
  let server: Server
  let busy: Server
  let silent: Server
  let port: number
  const connections: mysql.Connection[] = []

  function listen(onSocket: (socket: Socket) => void): Promise<Server> {
    const s = createServer(onSocket)
    s.listen(0, '127.0.0.1')
    return once(s, 'listening').then(() => s)
  }
  const portOf = (s: Server) => (s.address() as { port: number }).port

  beforeAll(async () => {
    server = await listen(handle)
    port = portOf(server)
    // MySQL refuses a connection beyond max_connections with an ERR packet instead of the handshake.
    busy = await listen((socket) => {
      socket.on('error', () => {})
      socket.end(errPacket(0, 1040, '08004', 'Too many connections'))
    })
    silent = await listen((socket) => socket.on('error', () => {}))
  })

  afterAll(async () => {
    for (const connection of connections) connection.destroy()
    for (const s of [server, busy, silent]) s.close()
  })

  async function connect(options: mysql.ConnectionOptions = {}): Promise<mysql.Connection> {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port,
      user: 'app',
      database: 'app',
      ...options,
    })
    connection.on('error', () => {})
    connections.push(connection)
    return connection
  }

  async function serverError(errno: number, sqlState: string, text: string): Promise<unknown> {
    const connection = await connect()
    return rejectionOf(() => connection.query(`ERR ${errno} ${sqlState} ${text}`))
  }

  it('answers ER_DUP_ENTRY with 409 and a constant message', async () => {
    const error = await serverError(1062, '23000', "Duplicate entry 'a@b.c' for key 'users.email'")
    expect(error).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'mysql:ER_DUP_ENTRY' })
    expect(c.message).not.toContain('a@b.c')
  })

  it('answers foreign-key violations (1452, 1451) with 409', async () => {
    const missingParent = await serverError(1452, '23000', 'Cannot add or update a child row')
    expect(classify(missingParent)).toMatchObject({ status: 409, rule: 'mysql:ER_NO_REFERENCED_ROW_2' })
    const referenced = await serverError(1451, '23000', 'Cannot delete or update a parent row')
    expect(classify(referenced)).toMatchObject({ status: 409, rule: 'mysql:ER_ROW_IS_REFERENCED_2' })
  })

  it('answers ER_BAD_NULL_ERROR with 422 and the column named by the server', async () => {
    const c = classify(await serverError(1048, '23000', "Column 'email' cannot be null"))
    expect(c).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', rule: 'mysql:ER_BAD_NULL_ERROR' })
    expect(c.details).toEqual([{ path: 'email', message: 'A value is required.', code: 'not_null' }])
  })

  it('answers ER_CHECK_CONSTRAINT_VIOLATED with 422', async () => {
    const error = await serverError(3819, 'HY000', "Check constraint 'users_chk_1' is violated.")
    expect(classify(error)).toMatchObject({ status: 422, rule: 'mysql:ER_CHECK_CONSTRAINT_VIOLATED' })
  })

  it('answers malformed values (ER_DATA_TOO_LONG, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD) with 400', async () => {
    const tooLong = await serverError(1406, '22001', "Data too long for column 'name' at row 1")
    expect(classify(tooLong)).toMatchObject({ status: 400, rule: 'mysql:ER_DATA_TOO_LONG' })
    const wrong = await serverError(1366, 'HY000', "Incorrect integer value: 'abc' for column 'age' at row 1")
    expect(classify(wrong)).toMatchObject({ status: 400, rule: 'mysql:ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' })
  })

  it.each([
    [1213, '40001', 'ER_LOCK_DEADLOCK'],
    [1205, 'HY000', 'ER_LOCK_WAIT_TIMEOUT'],
    [1290, 'HY000', 'ER_OPTION_PREVENTS_STATEMENT'],
  ])('answers %i (%s) with 503, retryable', async (errno, sqlState, code) => {
    const c = classify(await serverError(errno, sqlState, 'transient'))
    expect(c).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      rule: `mysql:${code}`,
    })
  })

  it('answers ER_QUERY_TIMEOUT (MAX_EXECUTION_TIME) with 504', async () => {
    const error = await serverError(
      3024,
      'HY000',
      'Query execution was interrupted, maximum statement execution time exceeded',
    )
    expect(classify(error)).toMatchObject({
      status: 504,
      code: 'GATEWAY_TIMEOUT',
      rule: 'mysql:ER_QUERY_TIMEOUT',
    })
  })

  it('answers schema bugs and our credentials with 500, without the message', async () => {
    const missingTable = classify(await serverError(1146, '42S02', "Table 'app.users' doesn't exist"))
    expect(missingTable).toMatchObject({ status: 500, rule: 'mysql:ER_NO_SUCH_TABLE', retryable: false })
    expect(missingTable.message).not.toContain('users')
    const denied = await serverError(1045, '28000', "Access denied for user 'app'@'localhost'")
    expect(classify(denied)).toMatchObject({ status: 500, rule: 'mysql:ER_ACCESS_DENIED_ERROR' })
  })

  it('answers ER_CON_COUNT_ERROR at the handshake with 503', async () => {
    const error = await rejectionOf(() => connect({ port: portOf(busy) }))
    expect(error).toMatchObject({ code: 'ER_CON_COUNT_ERROR', errno: 1040 })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'mysql:ER_CON_COUNT_ERROR' })
  })

  it('answers PROTOCOL_CONNECTION_LOST with 503', async () => {
    const connection = await connect()
    const error = await rejectionOf(() => connection.query('DROP'))
    expect(error).toMatchObject({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true })
    expect(classify(error)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'mysql:PROTOCOL_CONNECTION_LOST',
    })
    const closed = await rejectionOf(() => connection.query('SELECT 1'))
    expect(classify(closed)).toMatchObject({ status: 503, rule: 'mysql:connection-closed' })
  })

  it('answers PROTOCOL_SEQUENCE_TIMEOUT (query timeout) with 504', async () => {
    const connection = await connect()
    const error = await rejectionOf(() => connection.query({ sql: 'HANG', timeout: 50 }))
    expect(error).toMatchObject({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'mysql:PROTOCOL_SEQUENCE_TIMEOUT' })
  })

  it("answers mysql2's own connect timeout with 503", async () => {
    const error = await rejectionOf(() => connect({ port: portOf(silent), connectTimeout: 50 }))
    expect(error).toMatchObject({ code: 'ETIMEDOUT', errorno: 'ETIMEDOUT', fatal: true })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'mysql:connect-timeout' })
  })
})

describe('mysql: other shapes', () => {
  it('reads the errno where the code is not symbolic (Bun.SQL, mariadb)', () => {
    // Bun.SQL's MySQLError: its own label in `code`, the server's errno and sqlState beside it.
    const error = Object.assign(new Error('Deadlock found when trying to get lock'), {
      name: 'MySQLError',
      code: 'ERR_MYSQL_SERVER_ERROR',
      errno: 1213,
      sqlState: '40001',
    })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'mysql:ER_LOCK_DEADLOCK' })
  })

  it('answers an unknown server error with 500 under its own code', () => {
    const error = Object.assign(new Error('x'), { code: 'ER_SOMETHING_ELSE', errno: 9999, sqlState: 'HY000' })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'mysql:ER_SOMETHING_ELSE' })
  })

  it('does not take a bare ER_ code or a kernel ETIMEDOUT for mysql', () => {
    expect(classify(Object.assign(new Error('x'), { code: 'ER_DUP_ENTRY' })).rule).toBe('fallback')
    const kernel = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:3306'), {
      code: 'ETIMEDOUT',
      errno: -110,
      syscall: 'connect',
    })
    expect(classify(kernel)).toMatchObject({ status: 504, rule: 'node-system:ETIMEDOUT' })
  })
})
