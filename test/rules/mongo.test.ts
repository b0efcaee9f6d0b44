import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import {
  BSON,
  Long,
  MongoClient,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoServerError,
  ObjectId,
} from 'mongodb'
import mongoose from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { rejectionOf, thrownBy } from '../support/caught.js'

/**
 * A loopback server speaking enough of the MongoDB wire protocol (OP_MSG; OP_QUERY for the legacy
 * handshake) for the real driver: it says it is a writable primary, and the collection a command
 * names chooses the answer: a server error document, no answer, or a closed socket.
 */
const OP_QUERY = 2004
const OP_MSG = 2013

function opMsg(responseTo: number, document: Record<string, unknown>): Buffer {
  const body = BSON.serialize(document)
  const header = Buffer.alloc(21)
  header.writeInt32LE(header.length + body.length, 0)
  header.writeInt32LE(1, 4)
  header.writeInt32LE(responseTo, 8)
  header.writeInt32LE(OP_MSG, 12)
  return Buffer.concat([header, body])
}

const duplicate = {
  code: 11000,
  errmsg: 'E11000 duplicate key error collection: test.users index: email_1 dup key: { email: "a@b.c" }',
  keyPattern: { email: 1 },
  keyValue: { email: 'a@b.c' },
}

const ANSWERS: Record<string, Record<string, unknown>> = {
  slow: { ok: 0, code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' },
  shutdown: { ok: 0, code: 91, codeName: 'ShutdownInProgress', errmsg: 'The server is in quiesce mode' },
  conflict: {
    ok: 0,
    code: 112,
    codeName: 'WriteConflict',
    errmsg: 'Write conflict during plan execution',
    errorLabels: ['TransientTransactionError'],
  },
  unauthorized: { ok: 0, code: 13, codeName: 'Unauthorized', errmsg: 'command find requires authentication' },
  invalid: { ok: 0, code: 121, codeName: 'DocumentValidationFailure', errmsg: 'Document failed validation' },
  badvalue: { ok: 0, code: 2, codeName: 'BadValue', errmsg: 'unknown operator: $foo' },
}

function answer(command: Record<string, unknown>): Record<string, unknown> | 'hang' | 'drop' {
  const name = Object.keys(command)[0] ?? ''
  if (/^(hello|ismaster|isMaster)$/.test(name)) {
    return {
      ok: 1,
      isWritablePrimary: true,
      helloOk: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      connectionId: 1,
    }
  }
  const collection = String(command[name])
  if (collection === 'hang') return 'hang'
  if (collection === 'drop') return 'drop'
  if (collection === 'users' && name === 'insert')
    return { ok: 1, n: 0, writeErrors: [{ index: 0, ...duplicate }] }
  return (
    ANSWERS[collection] ?? {
      ok: 1,
      n: 0,
      cursor: { id: Long.ZERO, ns: `test.${collection}`, firstBatch: [] },
    }
  )
}

function handle(socket: Socket): void {
  let buffer = Buffer.alloc(0)
  socket.on('error', () => {})
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    while (buffer.length >= 16 && buffer.length >= buffer.readInt32LE(0)) {
      const length = buffer.readInt32LE(0)
      const requestId = buffer.readInt32LE(4)
      const opCode = buffer.readInt32LE(12)
      const message = buffer.subarray(0, length)
      buffer = buffer.subarray(length)
      let command: Record<string, unknown>
      // OP_MSG: flagBits, then a kind-0 section (the command); document sequences may follow it.
      if (opCode === OP_MSG) command = BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)))
      else if (opCode === OP_QUERY) command = BSON.deserialize(message.subarray(message.indexOf(0, 20) + 9))
      else continue
      const reply = answer(command)
      if (reply === 'drop') socket.destroy()
      else if (reply !== 'hang') socket.write(opMsg(requestId, reply))
    }
  })
}

describe('mongo: the real driver against a loopback server', () => {
  let server: Server
  let uri: string
  let client: MongoClient

  beforeAll(async () => {
    server = createServer(handle)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    uri = `mongodb://127.0.0.1:${(server.address() as { port: number }).port}/test?directConnection=true`
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, retryReads: false, retryWrites: false })
    await client.connect()
  })

  afterAll(async () => {
    await client.close()
    await mongoose.disconnect()
    server.close()
  })

  const collection = (name: string) => client.db().collection(name)

  it('answers a duplicate key (11000) from insertOne with 409 and a constant message', async () => {
    const error = await rejectionOf(() => collection('users').insertOne({ email: 'a@b.c' }))
    expect(error).toBeInstanceOf(MongoServerError)
    const c = classify(error)
    expect(c).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'mongo:11000' })
    expect(c.message).not.toContain('a@b.c')
  })

  it('answers a duplicate key from insertMany (MongoBulkWriteError) with 409', async () => {
    const error = await rejectionOf(() => collection('users').insertMany([{ email: 'a@b.c' }]))
    expect(error).toMatchObject({ name: 'MongoBulkWriteError', code: 11000 })
    expect(classify(error)).toMatchObject({ status: 409, rule: 'mongo:11000' })
  })

  it('answers a duplicate key re-thrown by Mongoose Model.create with 409', async () => {
    const connection = await mongoose
      .createConnection(uri, { serverSelectionTimeoutMS: 500, retryWrites: false, autoIndex: false })
      .asPromise()
    const User = connection.model('User', new mongoose.Schema({ email: String }), 'users')
    const error = await rejectionOf(() => User.create({ email: 'a@b.c' }))
    expect(classify(error)).toMatchObject({ status: 409, rule: 'mongo:11000' })
    await connection.close()
  })

  it('answers DocumentNotFoundError (orFail on an empty result) with 404', async () => {
    const connection = await mongoose
      .createConnection(uri, { serverSelectionTimeoutMS: 500, autoIndex: false })
      .asPromise()
    const User = connection.model('User', new mongoose.Schema({ email: String }), 'people')
    const error = await rejectionOf(() => User.findOne({ email: 'nobody@example.com' }).orFail().exec())
    await connection.close()
    expect(error).toMatchObject({ name: 'DocumentNotFoundError' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 404, code: 'NOT_FOUND', rule: 'mongo:mongoose:DocumentNotFoundError' })
    expect(c.message).not.toContain('nobody')
  })

  it('answers VersionError (a versioned save that matched nothing) with 409', async () => {
    const connection = await mongoose
      .createConnection(uri, { serverSelectionTimeoutMS: 500, retryWrites: false, autoIndex: false })
      .asPromise()
    const User = connection.model('User', new mongoose.Schema({ email: String, tags: [String] }), 'people')
    const doc = User.hydrate({ _id: new ObjectId(), email: 'a@b.c', tags: ['a', 'b'], __v: 0 })
    const tags = doc.tags as unknown as mongoose.Types.Array<string>
    tags.pull('a')
    const error = await rejectionOf(() => doc.save())
    await connection.close()
    expect(error).toMatchObject({ name: 'VersionError' })
    expect(classify(error)).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      rule: 'mongo:mongoose:VersionError',
    })
  })

  it.each([
    ['slow', 504, 'mongo:50'],
    ['shutdown', 503, 'mongo:91'],
    ['conflict', 503, 'mongo:112'],
    ['unauthorized', 500, 'mongo:13'],
    ['badvalue', 500, 'mongo:2'],
  ])('answers a server error on %s with %i', async (name, status, rule) => {
    const error = await rejectionOf(() => collection(name).findOne({}))
    expect(error).toBeInstanceOf(MongoServerError)
    const c = classify(error)
    expect(c).toMatchObject({ status, rule })
    expect(c.retryable).toBe(status >= 503)
  })

  it('answers a document validation failure (121) with 422', async () => {
    const error = await rejectionOf(() => collection('invalid').insertOne({ age: -1 }))
    expect(classify(error)).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', rule: 'mongo:121' })
  })

  it('answers a socket timeout (MongoNetworkTimeoutError) with 504, before its MongoNetworkError parent', async () => {
    const timed = new MongoClient(uri, {
      socketTimeoutMS: 100,
      retryReads: false,
      serverSelectionTimeoutMS: 500,
    })
    await timed.connect()
    const error = await rejectionOf(() => timed.db().collection('hang').findOne({}))
    await timed.close()
    expect(error).toBeInstanceOf(MongoNetworkTimeoutError)
    expect(classify(error)).toMatchObject({ status: 504, rule: 'mongo:MongoNetworkTimeoutError' })
  })

  it('answers a dropped connection (MongoNetworkError) with 503', async () => {
    const dropped = new MongoClient(uri, { retryReads: false, serverSelectionTimeoutMS: 500 })
    await dropped.connect()
    const error = await rejectionOf(() => dropped.db().collection('drop').findOne({}))
    await dropped.close()
    expect(error).toBeInstanceOf(MongoNetworkError)
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'mongo:MongoNetworkError' })
  })
})

describe('mongo: server selection and Mongoose', () => {
  let closedPort: number

  beforeAll(async () => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1')
    await once(probe, 'listening')
    closedPort = (probe.address() as { port: number }).port
    probe.close()
    await once(probe, 'close')
  })

  it('answers a server selection failure with 503', async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${closedPort}/test`, {
      serverSelectionTimeoutMS: 100,
    })
    const error = await rejectionOf(() => client.connect())
    await client.close()
    expect(error).toMatchObject({ name: 'MongoServerSelectionError' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 503, retryable: true, rule: 'mongo:MongoServerSelectionError' })
    expect(c.message).not.toMatch(/database|127\.0\.0\.1/i)
  })

  it('answers MongooseServerSelectionError with 503', async () => {
    const connection = mongoose.createConnection(`mongodb://127.0.0.1:${closedPort}/test`, {
      serverSelectionTimeoutMS: 100,
    })
    const error = await rejectionOf(() => connection.asPromise())
    await connection.close()
    expect(error).toMatchObject({ name: 'MongooseServerSelectionError' })
    expect(classify(error)).toMatchObject({
      status: 503,
      rule: 'mongo:mongoose:MongooseServerSelectionError',
    })
  })

  it('answers a buffering timeout (never connected) with 503', async () => {
    const connection = mongoose.createConnection()
    const User = connection.model('User', new mongoose.Schema({ email: String }, { bufferTimeoutMS: 30 }))
    const error = await rejectionOf(() => User.findOne({ email: 'a@b.c' }).exec())
    expect((error as Error).message).toMatch(/buffering timed out/)
    expect(classify(error)).toMatchObject({ status: 503, rule: 'mongo:mongoose:buffering-timeout' })
  })

  it('answers a CastError from a malformed id with 400 and the path, never the value', async () => {
    const User = mongoose.createConnection().model('User', new mongoose.Schema({ email: String }))
    const error = await rejectionOf(() => User.findById('not-an-object-id').exec())
    expect(error).toMatchObject({ name: 'CastError', kind: 'ObjectId', path: '_id' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 400, code: 'BAD_REQUEST', rule: 'mongo:mongoose:CastError' })
    expect(c.details).toEqual([{ path: '_id', message: 'Cast to ObjectId failed.', code: 'cast_error' }])
    expect(JSON.stringify({ ...c, cause: undefined })).not.toContain('not-an-object-id')
  })

  it('answers StrictModeError (strict: "throw") with 422 and the field', () => {
    const User = mongoose
      .createConnection()
      .model('User', new mongoose.Schema({ email: String }, { strict: 'throw' }))
    const error = thrownBy(() => new User({ email: 'a@b.c', isAdmin: true }))
    const c = classify(error)
    expect(c).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      rule: 'mongo:mongoose:StrictModeError',
    })
    expect(c.details).toEqual([{ path: 'isAdmin', message: 'This field is not allowed.', code: 'strict' }])
  })

  it('answers schema misuse (MissingSchemaError) with 500', () => {
    const error = thrownBy(() => mongoose.createConnection().model('NoSuchModel'))
    expect(classify(error)).toMatchObject({ status: 500, rule: 'mongo:mongoose:MissingSchemaError' })
  })

  it("answers bson's malformed ObjectId with 400", () => {
    const error = thrownBy(() => new ObjectId('nope'))
    expect(classify(error)).toMatchObject({ status: 400, rule: 'mongo:BSONError' })
  })

  it('does not take a plain numeric code for a Mongo error', () => {
    expect(classify(Object.assign(new Error('x'), { code: 11000 })).rule).toBe('fallback')
  })
})
