import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { rejectionOf } from '../support/caught.js'

describe('postgres: real PostgreSQL errors (PGlite)', () => {
  let db: PGlite

  beforeAll(async () => {
    db = new PGlite()
    await db.exec(`
      create table parent (id int primary key);
      create table account (
        id serial primary key,
        email text unique not null,
        age int check (age > 0),
        parent_id int references parent(id),
        code varchar(3)
      );
      insert into account (email, age) values ('taken@example.com', 30);
    `)
  })

  afterAll(async () => {
    await db.close()
  })

  const query = (sql: string, params?: unknown[]) => rejectionOf(() => db.query(sql, params))

  it('answers a unique violation (23505) with 409 and a constant message', async () => {
    const error = await query(`insert into account (email, age) values ('taken@example.com', 1)`)
    expect(error).toMatchObject({ code: '23505', name: 'error' })
    const c = classify(error)
    expect(c).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      rule: 'postgres:23505',
      retryable: false,
      expose: false,
    })
    expect(c.message).toBe('A record with these values already exists.')
    expect(c.message).not.toContain('account_email_key')
  })

  it('answers a foreign-key violation (23503) with 409', async () => {
    const error = await query(`insert into account (email, parent_id) values ('child@example.com', 42)`)
    expect(classify(error)).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'postgres:23503' })
  })

  it('answers a not-null violation (23502) with 422 and the column as the path, never the row', async () => {
    const error = await query(`insert into account (email) values (null)`)
    const c = classify(error)
    expect(c).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', rule: 'postgres:23502' })
    expect(c.details).toEqual([{ path: 'email', message: 'A value is required.', code: 'not_null' }])
    expect(JSON.stringify(c.details)).not.toContain('Failing row')
  })

  it('answers a check violation (23514) with 422', async () => {
    const error = await query(`insert into account (email, age) values ('minus@example.com', -1)`)
    expect(classify(error)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', rule: 'postgres:23514' })
  })

  it('answers malformed values (class 22) with 400', async () => {
    const uuid = await query('select $1::uuid', ['not-a-uuid'])
    expect(classify(uuid)).toMatchObject({ status: 400, code: 'BAD_REQUEST', rule: 'postgres:22P02' })
    const tooLong = await query(`insert into account (email, code) values ('long@example.com', 'abcdef')`)
    expect(classify(tooLong)).toMatchObject({ status: 400, rule: 'postgres:22001' })
    const outOfRange = await query('select 2147483647::int + 1')
    expect(classify(outOfRange)).toMatchObject({ status: 400, rule: 'postgres:22003' })
    const badDate = await query('select $1::date', ['2024-02-31'])
    expect(classify(badDate)).toMatchObject({ status: 400, rule: 'postgres:22008' })
  })

  it('answers division by zero (22012) with 500: it is our arithmetic', async () => {
    const error = await query('select 1 / 0')
    expect(classify(error)).toMatchObject({
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'postgres:22012',
    })
  })

  it('answers a missing table (42P01) with 500 and hides the message', async () => {
    const error = await query('select * from no_such_table')
    const c = classify(error)
    expect(c).toMatchObject({ status: 500, rule: 'postgres:42P01', retryable: false })
    expect(c.message).not.toMatch(/no_such_table|database/i)
  })

  // PGlite is single-connection and has no timer signals, so contention and statement timeouts are
  // raised by the real server with RAISE … USING ERRCODE: the shape is the server's own.
  it.each([
    ['40001', 503],
    ['40P01', 503],
    ['55P03', 503],
    ['57014', 504],
  ])('answers %s raised by the server with %i, retryable', async (state, status) => {
    const error = await query(`do $$ begin raise exception 'x' using errcode = '${state}'; end $$`)
    expect(error).toMatchObject({ code: state, severity: 'ERROR' })
    expect(classify(error)).toMatchObject({ status, retryable: true, rule: `postgres:${state}` })
  })

  it('lets a wrapper that names no status take its cause’s answer', async () => {
    const cause = await query(`insert into account (email, age) values ('taken@example.com', 1)`)
    expect(classify(new Error('could not create account', { cause }))).toMatchObject({
      status: 409,
      rule: 'postgres:23505',
    })
  })
})

/**
 * A loopback server speaking enough of the PostgreSQL wire protocol (protocol 3.0, "Message
 * Formats" in the manual) for the real `pg` client: the startup message's `database` parameter
 * and each query's text choose the answer.
 */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0)
  header.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([header, body])
}

function errorResponse(severity: string, state: string, text: string): Buffer {
  const field = (type: string, value: string) => Buffer.from(`${type}${value}\0`)
  return message(
    'E',
    Buffer.concat([
      field('S', severity),
      field('V', severity),
      field('C', state),
      field('M', text),
      field('R', 'fake_routine'),
      Buffer.from([0]),
    ]),
  )
}

const authenticationOk = message('R', Buffer.from([0, 0, 0, 0]))
const readyForQuery = message('Z', Buffer.from('I'))

function startupDatabase(packet: Buffer): string {
  const parts = packet.subarray(8).toString().split('\0')
  const index = parts.indexOf('database')
  return index === -1 ? '' : (parts[index + 1] ?? '')
}

function handle(socket: Socket): void {
  let buffer = Buffer.alloc(0)
  let started = false
  socket.on('error', () => {})
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    if (!started) {
      if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return
      const length = buffer.readInt32BE(0)
      const database = startupDatabase(buffer.subarray(0, length))
      buffer = buffer.subarray(length)
      started = true
      const fatal = /^fatal-(\w{5})$/.exec(database)?.[1]
      if (fatal) {
        socket.end(errorResponse('FATAL', fatal, 'fatal at startup'))
        return
      }
      if (database === 'silent') return
      socket.write(Buffer.concat([authenticationOk, readyForQuery]))
    }
    while (buffer.length >= 5 && buffer.length >= buffer.readInt32BE(1) + 1) {
      const type = String.fromCharCode(buffer[0] ?? 0)
      const length = buffer.readInt32BE(1)
      const text = buffer.subarray(5, length).toString().replace(/\0$/, '')
      buffer = buffer.subarray(length + 1)
      if (type === 'X') socket.end()
      if (type !== 'Q') continue
      const state = /^raise (\w{5})$/.exec(text)?.[1]
      if (state)
        socket.write(Buffer.concat([errorResponse('ERROR', state, `raised ${state}`), readyForQuery]))
      else if (text === 'drop') socket.destroy()
      // 'hang': no answer at all
    }
  })
}

describe('postgres: node-postgres client errors against a loopback server', () => {
  let server: Server
  let port: number
  const clients: pg.Client[] = []

  beforeAll(async () => {
    server = createServer(handle)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    port = (server.address() as { port: number }).port
  })

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => {})
    server.close()
  })

  function client(database: string, options: Partial<pg.ClientConfig> = {}): pg.Client {
    const c = new pg.Client({ host: '127.0.0.1', port, database, user: 'app', ...options })
    c.on('error', () => {})
    clients.push(c)
    return c
  }

  it('answers a wrong password (28P01, FATAL at connect) with 500', async () => {
    const error = await rejectionOf(() => client('fatal-28P01').connect())
    expect(error).toBeInstanceOf(pg.DatabaseError)
    expect(error).toMatchObject({ code: '28P01', severity: 'FATAL', name: 'error' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 500, rule: 'postgres:28P01', retryable: false })
    expect(c.message).not.toMatch(/database|password/i)
  })

  it('answers a missing database (3D000) with 500', async () => {
    expect(classify(await rejectionOf(() => client('fatal-3D000').connect()))).toMatchObject({
      status: 500,
      rule: 'postgres:3D000',
    })
  })

  it.each([
    ['53300', 'too many connections'],
    ['57P03', 'the database system is starting up'],
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
  ])('answers %s (%s) with 503, retryable', async (state) => {
    const c = classify(await rejectionOf(() => client(`fatal-${state}`).connect()))
    expect(c).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      rule: `postgres:${state}`,
    })
  })

  it('answers a statement timeout (57014) with 504', async () => {
    const c1 = client('app')
    await c1.connect()
    const error = await rejectionOf(() => c1.query('raise 57014'))
    expect(error).toBeInstanceOf(pg.DatabaseError)
    expect(classify(error)).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', retryable: true })
    const deadlock = await rejectionOf(() => c1.query('raise 40P01'))
    expect(classify(deadlock)).toMatchObject({ status: 503, retryable: true, rule: 'postgres:40P01' })
  })

  it("answers 'Connection terminated unexpectedly' with 503", async () => {
    const c1 = client('app')
    await c1.connect()
    const error = await rejectionOf(() => c1.query('drop'))
    expect((error as Error).message).toBe('Connection terminated unexpectedly')
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'postgres:connection-lost' })
  })

  it("answers 'Query read timeout' (query_timeout) with 504", async () => {
    const c1 = client('app', { query_timeout: 50 })
    await c1.connect()
    const error = await rejectionOf(() => c1.query('hang'))
    expect((error as Error).message).toBe('Query read timeout')
    expect(classify(error)).toMatchObject({ status: 504, rule: 'postgres:query-timeout' })
  })

  it('answers a connect timeout (connectionTimeoutMillis) with 503', async () => {
    const error = await rejectionOf(() => client('silent', { connectionTimeoutMillis: 50 }).connect())
    expect((error as Error).message).toBe('timeout expired')
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'postgres:connect-timeout' })
  })

  it("answers pg-pool's acquire timeout (pool exhausted) with 503", async () => {
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port,
      database: 'app',
      user: 'app',
      max: 1,
      connectionTimeoutMillis: 50,
    })
    pool.on('error', () => {})
    const held = await pool.connect()
    const error = await rejectionOf(() => pool.connect())
    expect((error as Error).message).toBe('timeout exceeded when trying to connect')
    expect(classify(error)).toMatchObject({ status: 503, rule: 'postgres:pool-timeout' })
    held.release()
    await pool.end()
    const ended = await rejectionOf(() => pool.connect())
    expect(classify(ended)).toMatchObject({ status: 500, rule: 'postgres:pool-ended' })
  })
})

describe('postgres: other drivers and lookalikes', () => {
  it('reads the SQLSTATE from errno in Bun.SQL’s PostgresError', () => {
    // Bun.SQL: `code: 'ERR_POSTGRES_SERVER_ERROR'`, SQLSTATE in `errno` (oven-sh/bun
    // packages/bun-types/sql.d.ts, SQL.PostgresError).
    const error = Object.assign(
      new Error('duplicate key value violates unique constraint "users_email_key"'),
      {
        name: 'PostgresError',
        code: 'ERR_POSTGRES_SERVER_ERROR',
        errno: '23505',
        severity: 'ERROR',
      },
    )
    expect(classify(error)).toMatchObject({ status: 409, rule: 'postgres:23505' })
  })

  it('recognises postgres.js connection errors by code and errno', () => {
    // porsager/postgres src/errors.js `connection()`: code and errno are both the failure's name.
    const error = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), {
      code: 'CONNECTION_CLOSED',
      errno: 'CONNECTION_CLOSED',
      address: '127.0.0.1',
      port: 5432,
    })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'postgres:CONNECTION_CLOSED' })
  })

  it('answers an unknown class-08 or class-53 state by its class', () => {
    const error = new pg.DatabaseError('out of memory', 0, 'error')
    Object.assign(error, { code: '53200', severity: 'ERROR' })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'postgres:53200' })
  })

  it('does not take other five-character codes for a SQLSTATE', () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' })
    expect(classify(epipe).rule).toBe('node-system:EPIPE')
    expect(classify(Object.assign(new Error('x'), { code: 'ABORT' })).rule).toBe('fallback')
    expect(classify(Object.assign(new Error('x'), { code: 'P2002' })).rule).toBe('fallback')
    expect(classify(Object.assign(new Error('x'), { code: 11000 })).rule).toBe('fallback')
  })

  it('does not match message-only lookalikes of another class', () => {
    class OtherError extends Error {
      override name = 'OtherError'
    }
    expect(classify(new OtherError('Connection terminated unexpectedly')).rule).toBe('fallback')
  })
})
