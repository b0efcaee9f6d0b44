import 'reflect-metadata'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { createServer, type Server } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { drizzle as drizzleSqlJs } from 'drizzle-orm/sql-js'
import {
  ConnectionRefusedError,
  EmptyResultError,
  OptimisticLockError,
  Sequelize,
  TimeoutError as SequelizeTimeoutError,
} from 'sequelize'
import initSqlJs from 'sql.js'
import { DataSource, EntitySchema, QueryFailedError } from 'typeorm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { rejectionOf, thrownBy } from '../support/caught.js'

// Sequelize's own translation of a pg error into its classes (lib/dialects/postgres/query.js
// `formatError`), run on real PostgreSQL errors from PGlite.
const require = createRequire(import.meta.url)
const PostgresQuery = require('sequelize/lib/dialects/postgres/query') as new (
  connection: unknown,
  sequelize: Sequelize,
  options: object,
) => { formatError(error: unknown, stack?: string): Error }

let pglite: PGlite

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(`
    create table parent (id int primary key);
    create table account (
      id serial primary key,
      email text unique not null,
      age int check (age > 0),
      parent_id int references parent(id)
    );
    insert into account (email, age) values ('taken@example.com', 30);
  `)
})

afterAll(async () => {
  await pglite.close()
})

const pgError = (text: string, params?: unknown[]) => rejectionOf(() => pglite.query(text, params))
const duplicate = () => pgError(`insert into account (email, age) values ('taken@example.com', 1)`)

describe('orm: Sequelize', () => {
  const sequelize = new Sequelize('postgres://app:secret@127.0.0.1:1/app', { logging: false })
  const formatError = (error: unknown) => new PostgresQuery(null, sequelize, {}).formatError(error, '')

  afterAll(async () => {
    await sequelize.close()
  })

  it('answers SequelizeUniqueConstraintError with 409, although it extends ValidationError', async () => {
    const error = formatError(await duplicate())
    expect(error.name).toBe('SequelizeUniqueConstraintError')
    const c = classify(error)
    expect(c).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      rule: 'orm:sequelize:SequelizeUniqueConstraintError',
    })
    expect(c.message).not.toContain('taken@example.com')
  })

  it('answers SequelizeForeignKeyConstraintError with 409', async () => {
    const error = formatError(
      await pgError(`insert into account (email, parent_id) values ('c@example.com', 42)`),
    )
    expect(error.name).toBe('SequelizeForeignKeyConstraintError')
    expect(classify(error)).toMatchObject({
      status: 409,
      rule: 'orm:sequelize:SequelizeForeignKeyConstraintError',
    })
  })

  it('lets the driver error inside SequelizeDatabaseError decide (original / parent)', async () => {
    const malformed = formatError(await pgError('select $1::uuid', ['nope']))
    expect(malformed.name).toBe('SequelizeDatabaseError')
    expect(classify(malformed)).toMatchObject({ status: 400, rule: 'postgres:22P02' })
    const check = formatError(await pgError(`insert into account (email, age) values ('m@example.com', -1)`))
    expect(classify(check)).toMatchObject({ status: 422, rule: 'postgres:23514' })
    const missing = formatError(await pgError('select * from no_such_table'))
    expect(classify(missing)).toMatchObject({ status: 500, rule: 'postgres:42P01' })
  })

  it('answers a refused connection (authenticate against a closed port) with 503', async () => {
    const error = await rejectionOf(() => sequelize.authenticate())
    expect(error).toBeInstanceOf(ConnectionRefusedError)
    expect(classify(error)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'orm:sequelize:SequelizeConnectionRefusedError',
    })
  })

  describe('against a server that refuses the database', () => {
    let server: Server
    let port: number

    beforeAll(async () => {
      // Answers any startup message with a FATAL ErrorResponse (PostgreSQL protocol 3.0): 3D000.
      server = createServer((socket) => {
        socket.on('error', () => {})
        socket.once('data', () => {
          const fields = Buffer.from('SFATAL\0VFATAL\0C3D000\0Mdatabase "app" does not exist\0Rfake\0\0')
          const header = Buffer.alloc(5)
          header.write('E', 0)
          header.writeInt32BE(fields.length + 4, 1)
          socket.end(Buffer.concat([header, fields]))
        })
      })
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      port = (server.address() as { port: number }).port
    })

    afterAll(() => {
      server.close()
    })

    it('answers SequelizeConnectionError by its parent: a missing database is 500', async () => {
      const s = new Sequelize(`postgres://app:secret@127.0.0.1:${port}/app`, { logging: false })
      const error = await rejectionOf(() => s.authenticate())
      await s.close()
      expect(error).toMatchObject({ name: 'SequelizeConnectionError' })
      expect(classify(error)).toMatchObject({ status: 500, rule: 'postgres:3D000' })
    })
  })

  it('answers EmptyResultError (rejectOnEmpty) with 404', () => {
    expect(classify(new EmptyResultError(''))).toMatchObject({
      status: 404,
      rule: 'orm:sequelize:SequelizeEmptyResultError',
    })
  })

  it('answers OptimisticLockError with 409 and TimeoutError (SQLITE_BUSY) with 503', () => {
    const lock = new OptimisticLockError({
      message: 'Attempting to update a stale model instance',
      modelName: 'User',
    })
    expect(classify(lock)).toMatchObject({ status: 409, rule: 'orm:sequelize:SequelizeOptimisticLockError' })
    const busy = Object.assign(new Error('SQLITE_BUSY: database is locked'), {
      code: 'SQLITE_BUSY',
      errno: 5,
    })
    const timeout = new SequelizeTimeoutError(busy as never)
    expect(classify(timeout)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'orm:sequelize:SequelizeTimeoutError',
    })
  })
})

describe('orm: TypeORM', () => {
  const User = new EntitySchema<{ id: number; email: string }>({
    name: 'User',
    tableName: 'users',
    columns: { id: { type: Number, primary: true, generated: true }, email: { type: String, unique: true } },
  })
  let dataSource: DataSource

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'sqljs', entities: [User], synchronize: true, logging: false })
    await dataSource.initialize()
    await dataSource.getRepository(User).save({ email: 'taken@example.com' })
  })

  afterAll(async () => {
    await dataSource.destroy()
  })

  it('answers QueryFailedError by its driverError (sql.js UNIQUE → 409)', async () => {
    const error = await rejectionOf(() =>
      dataSource.getRepository(User).insert({ email: 'taken@example.com' }),
    )
    expect(error).toBeInstanceOf(QueryFailedError)
    expect(classify(error)).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' })
  })

  it('answers EntityNotFoundError (findOneByOrFail) with 404', async () => {
    const error = await rejectionOf(() => dataSource.getRepository(User).findOneByOrFail({ id: 999 }))
    expect(error).toMatchObject({ name: 'EntityNotFoundError' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 404, code: 'NOT_FOUND', rule: 'orm:typeorm:EntityNotFoundError' })
    expect(c.message).not.toContain('999')
  })

  it('reads the pg fields QueryFailedError copies from its driver error', async () => {
    const driverError = await pgError('select 1 / 0')
    const error = new QueryFailedError('select 1 / 0', [], driverError as Error)
    expect(error).toMatchObject({ code: '22012' })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'postgres:22012' })
    const deadlock = await pgError(`do $$ begin raise exception 'deadlock' using errcode = '40P01'; end $$`)
    expect(classify(new QueryFailedError('update …', [], deadlock as Error))).toMatchObject({
      status: 503,
      retryable: true,
    })
  })
})

describe('orm: Drizzle', () => {
  it('walks DrizzleQueryError to its pg cause (pglite driver)', async () => {
    const db = drizzle(pglite)
    const error = await rejectionOf(() =>
      db.execute(sql`insert into account (email, age) values (${'taken@example.com'}, 1)`),
    )
    expect(error).toMatchObject({ name: 'Error', query: expect.stringContaining('insert into account') })
    const c = classify(error)
    expect(c).toMatchObject({ status: 409, rule: 'postgres:23505' })
    expect(c.message).not.toContain('taken@example.com')
  })

  it('walks the sql.js driver error through DrizzleError', async () => {
    const SQL = await initSqlJs()
    const database = new SQL.Database()
    database.run('create table users (email text not null)')
    const error = thrownBy(() => drizzleSqlJs(database).run(sql`insert into users (email) values (null)`))
    expect(classify(error)).toMatchObject({ status: 422, rule: 'sqlite:SQLITE_CONSTRAINT_NOTNULL' })
  })

  it('answers a DrizzleQueryError whose cause nothing recognises with 500', () => {
    // drizzle-orm/src/errors.ts: DrizzleQueryError(query, params, cause) keeps `name: 'Error'`.
    const error = Object.assign(new Error('Failed query: select 1\nparams: '), {
      query: 'select 1',
      params: [],
      cause: new Error('something else'),
    })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'orm:drizzle:DrizzleQueryError' })
  })
})
