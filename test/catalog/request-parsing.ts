import { once } from 'node:events'
import { createServer, IncomingMessage, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { PassThrough, Readable } from 'node:stream'
import { LocalDate } from '@js-joda/core'
import busboy from 'busboy'
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import fastify, { errorCodes, type FastifyInstance, type InjectOptions } from 'fastify'
import fastify4 from 'fastify4'
import multer from 'multer'
import { thrownBy } from '../support/caught.js'
import { listen } from '../support/loopback.js'
import { catalog, type Example, errorWith } from './example.js'

// Errors of real body parsers reading real requests: body-parser and multer in a loopback Express
// app, Fastify's content-type parser through `inject`; a date parser given a date that is none.

// The Express app, started on first use. A request to `/<id>` runs the middleware registered
// under that id; the error it passes to `next` is the example's.
const pending = new Map<string, { middleware: RequestHandler; settle: (error: unknown) => void }>()
let started: Promise<{ server: Server; port: number }> | undefined
let requests = 0

function expressApp(): Promise<{ server: Server; port: number }> {
  started ??= (async () => {
    const app = express()
    app.post('/:id', (req, res, next) => pending.get(req.path.slice(1))?.middleware(req, res, next))
    app.post('/:id', (req, res) => {
      pending.get(req.path.slice(1))?.settle(new Error('expected a parse error'))
      res.end()
    })
    app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
      pending.get(req.path.slice(1))?.settle(error)
      res.status(500).end()
    })
    const server = createServer(app)
    const port = await listen(server)
    return { server, port }
  })()
  return started
}

async function close(): Promise<void> {
  const app = await started
  started = undefined
  if (!app) return
  app.server.closeAllConnections()
  await new Promise((resolve) => app.server.close(resolve))
}

/** Registers `middleware` for one request; answers its id and the error it will pass to `next`. */
function register(middleware: RequestHandler): { id: string; caught: Promise<unknown> } {
  const id = String(++requests)
  const caught = new Promise<unknown>((settle) => pending.set(id, { middleware, settle }))
  return { id, caught }
}

/** The error `middleware` passes to `next` for a real POST with `init`. */
async function parseError(middleware: RequestHandler, init: RequestInit): Promise<unknown> {
  const { port } = await expressApp()
  const { id, caught } = register(middleware)
  await fetch(`http://127.0.0.1:${port}/${id}`, { method: 'POST', ...init })
  return caught
}

/** A JSON body, as a client sends it. */
const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  headers: { 'content-type': 'application/json', ...headers },
  body,
})

/** The error express.json() passes on when the client hangs up in the middle of the body. */
async function hungUp(): Promise<unknown> {
  const { port } = await expressApp()
  let reading = () => {}
  const parserListens = new Promise<void>((resolve) => (reading = resolve))
  const { id, caught } = register((req, res, next) => {
    express.json()(req, res, next)
    reading()
  })
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  socket.write(
    `POST /${id} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
  )
  await parserListens
  socket.destroy()
  return caught
}

/**
 * A request with `body` whose Content-Length says `length`, as an adapter that builds its own
 * request (serverless, tests) hands it over: Node's HTTP server itself always delivers the body
 * its Content-Length announces.
 */
function adaptedRequest(body: string, length: number): IncomingMessage {
  const req = new IncomingMessage(new PassThrough() as unknown as Socket)
  req.headers = { 'content-type': 'application/json', 'content-length': String(length) }
  req.push(body)
  req.push(null)
  return req
}

/** The error express.json() passes to `next` for `req`. */
function jsonError(req: Readable): Promise<unknown> {
  return new Promise((resolve) => express.json()(req as Request, {} as Response, resolve))
}

/**
 * The error express.json() passes on for a request stream that another reader consumed first.
 * An IncomingMessage that has been read counts as finished, and body-parser skips it; an
 * adapter's request stream (a Readable with `headers`, `complete` and a `socket`) does not.
 */
async function consumedRequestError(): Promise<unknown> {
  const socket = new PassThrough()
  const req = Object.assign(Readable.from(['{}']), {
    headers: { 'content-type': 'application/json', 'content-length': '2' },
    complete: false,
    socket,
  })
  req.resume()
  await once(req, 'end')
  const caught = jsonError(req)
  socket.destroy() // body-parser passes its error on once the request's connection has closed
  return caught
}

/** A multipart form with `fields` (name → value) and `files` (name → content). */
function form(fields: [string, string][], files: [string, string][] = []): RequestInit {
  const body = new FormData()
  for (const [name, value] of fields) body.append(name, value)
  for (const [name, content] of files) body.append(name, new Blob([content]), `${name}.txt`)
  return { body }
}

/** A hand-written multipart body (what FormData cannot send). */
function multipart(body: string): RequestInit {
  return { headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body }
}

// multer 2.5 limits that @types/multer does not know yet.
type Limits = multer.Options['limits'] & { fieldNestingDepth?: number; fieldArrayIndexLimit?: number }
const upload = (limits: Limits) => multer({ limits }).any()

/** The error a Fastify app (5 by default) hands its error handler for `request`. */
async function fastifyError(request: InjectOptions, make: () => FastifyInstance = fastify): Promise<unknown> {
  const app = make()
  let caught: unknown = new Error('expected a parse error')
  app.setErrorHandler((error, _request, reply) => {
    caught = error
    reply.code(500).send()
  })
  app.post('/', async () => ({}))
  await app.inject({ method: 'POST', url: '/', ...request })
  await app.close()
  return caught
}

const bodyParser = (type: string, status: number, make: () => unknown): Example => ({
  error: `body-parser \`type: '${type}'\``,
  make,
  rule: `request-parsing:body-parser:${type}`,
  status,
})

const fastifyParser = (code: string, status: number, make: () => unknown): Example => ({
  error: `Fastify \`${code}\``,
  make,
  rule: `request-parsing:fastify:${code}`,
  status,
})

const multerLimit = (code: string, status: number, make: () => unknown): Example => ({
  error: `multer \`MulterError\` \`${code}\``,
  make,
  rule: `request-parsing:multer:${code}`,
  status,
})

export default catalog(
  'request-parsing',
  [
    bodyParser('entity.parse.failed', 400, () => parseError(express.json(), json('{"a":'))),
    bodyParser('entity.too.large', 413, () =>
      parseError(express.json({ limit: 16 }), json(JSON.stringify({ pad: 'x'.repeat(64) }))),
    ),
    bodyParser('entity.verify.failed', 403, () =>
      parseError(
        express.json({
          verify: () => {
            throw new Error('webhook signature mismatch')
          },
        }),
        json('{}'),
      ),
    ),
    bodyParser('charset.unsupported', 415, () =>
      parseError(express.json(), json('{}', { 'content-type': 'application/json; charset=klingon' })),
    ),
    bodyParser('encoding.unsupported', 415, () =>
      parseError(express.json(), json('{}', { 'content-encoding': 'x-klingon' })),
    ),
    bodyParser('parameters.too.many', 413, () =>
      parseError(express.urlencoded({ parameterLimit: 2 }), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1&b=2&c=3',
      }),
    ),
    bodyParser('querystring.parse.rangeError', 400, () =>
      // body-parser 2's `depth` option, which @types/body-parser does not know yet.
      parseError(
        express.urlencoded({ extended: true, depth: 1 } as Parameters<typeof express.urlencoded>[0]),
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'a[b][c][d]=1',
        },
      ),
    ),
    bodyParser('request.size.invalid', 400, () => jsonError(adaptedRequest('{"a":1}', 64))),
    bodyParser('request.aborted', 499, hungUp),
    // A middleware that set an encoding on the request before the parser read it.
    bodyParser('stream.encoding.set', 500, () =>
      parseError((req, res, next) => {
        req.setEncoding('utf8')
        express.json()(req, res, next)
      }, json('{}')),
    ),
    bodyParser('stream.not.readable', 500, consumedRequestError),
    {
      error: "Fastify 4 JSON parser's `SyntaxError` with `statusCode: 400`",
      make: () =>
        fastifyError(
          { payload: '{"a":', headers: { 'content-type': 'application/json' } },
          fastify4 as unknown as () => FastifyInstance,
        ),
      rule: 'request-parsing:json',
      status: 400,
    },
    fastifyParser('FST_ERR_CTP_INVALID_JSON_BODY', 400, () =>
      fastifyError({ payload: '{"a":', headers: { 'content-type': 'application/json' } }),
    ),
    fastifyParser('FST_ERR_CTP_EMPTY_JSON_BODY', 400, () =>
      fastifyError({ payload: '', headers: { 'content-type': 'application/json' } }),
    ),
    fastifyParser('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, () =>
      fastifyError({
        payload: '{}',
        headers: { 'content-type': 'application/json', 'content-length': '64' },
      }),
    ),
    fastifyParser('FST_ERR_CTP_BODY_TOO_LARGE', 413, () =>
      fastifyError(
        { payload: JSON.stringify({ pad: 'x'.repeat(64) }), headers: { 'content-type': 'application/json' } },
        () => fastify({ bodyLimit: 16 }),
      ),
    ),
    fastifyParser('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, () =>
      fastifyError({ payload: 'x', headers: { 'content-type': 'application/x-klingon' } }),
    ),
    // Thrown by addContentTypeParser for a content type that is neither a string nor a RegExp.
    fastifyParser('FST_ERR_CTP_INVALID_TYPE', 500, () =>
      thrownBy(() =>
        fastify().addContentTypeParser(42 as unknown as string, (_request, _payload, done) => done(null)),
      ),
    ),
    // Fastify sends it from its fallback 404 handler, which only a router bug reaches.
    fastifyParser('FST_ERR_NOT_FOUND', 404, () => new errorCodes.FST_ERR_NOT_FOUND()),
    multerLimit('LIMIT_FILE_SIZE', 413, () =>
      parseError(upload({ fileSize: 8 }), form([], [['file', '0123456789abcdef']])),
    ),
    multerLimit('LIMIT_PART_COUNT', 413, () =>
      parseError(
        upload({ parts: 1 }),
        form([
          ['a', '1'],
          ['b', '2'],
        ]),
      ),
    ),
    multerLimit('LIMIT_FILE_COUNT', 413, () =>
      parseError(
        upload({ files: 1 }),
        form(
          [],
          [
            ['a', 'x'],
            ['b', 'y'],
          ],
        ),
      ),
    ),
    multerLimit('LIMIT_FIELD_COUNT', 413, () =>
      parseError(
        upload({ fields: 1 }),
        form([
          ['a', '1'],
          ['b', '2'],
        ]),
      ),
    ),
    multerLimit('LIMIT_FIELD_VALUE', 413, () =>
      parseError(upload({ fieldSize: 4 }), form([['note', 'far too long']])),
    ),
    multerLimit('LIMIT_FIELD_KEY', 413, () =>
      parseError(upload({ fieldNameSize: 4 }), form([['a-long-field-name', '1']])),
    ),
    multerLimit('LIMIT_UNEXPECTED_FILE', 400, () =>
      parseError(multer().single('avatar'), form([], [['document', 'x']])),
    ),
    // A part whose Content-Disposition has no name.
    multerLimit('MISSING_FIELD_NAME', 400, () =>
      parseError(
        upload({}),
        multipart('--xyz\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--xyz--\r\n'),
      ),
    ),
    // `a[4294967294]` makes the longest array there is; appending to it throws.
    multerLimit('INVALID_FIELD_NAME', 400, () =>
      parseError(
        upload({}),
        form([
          ['a[4294967294]', '1'],
          ['a[]', '2'],
        ]),
      ),
    ),
    multerLimit('LIMIT_FIELD_NESTING', 400, () =>
      parseError(upload({ fieldNestingDepth: 1 }), form([['a[b][c]', '1']])),
    ),
    multerLimit('LIMIT_FIELD_ARRAY_INDEX', 400, () =>
      parseError(upload({ fieldArrayIndexLimit: 10 }), form([['a[100]', '1']])),
    ),
    // multer 2.5 itself never raises it (a storage engine's stream destroyed mid-upload does): its own class.
    multerLimit(
      'STREAM_DESTROYED',
      400,
      () => new multer.MulterError('STREAM_DESTROYED' as multer.ErrorCode, 'file'),
    ),
    {
      error: 'busboy via multer: "Unexpected end of form", "Multipart: Boundary not found" …',
      make: () =>
        parseError(
          upload({}),
          multipart('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc'),
        ),
      rule: 'request-parsing:multer:malformed',
      status: 400,
    },
    {
      error: 'busboy on its own, as upload middleware passes its error on: "Unexpected end of form" …',
      make: () =>
        new Promise((resolve) => {
          const parser = busboy({ headers: { 'content-type': 'multipart/form-data; boundary=xyz' } })
          // The file's stream fails with the same error; the parser's is the one passed on.
          parser.on('file', (_name, stream) => stream.on('error', () => {}).resume())
          parser.on('error', resolve)
          parser.on('close', () => resolve(new Error('expected an error')))
          parser.end('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc')
        }),
      rule: 'request-parsing:multipart',
      status: 400,
    },
    {
      error: "a format parser's rejection, e.g. js-joda's `DateTimeParseException` (YAML, CSV, XML, dates …)",
      make: () => thrownBy(() => LocalDate.parse('2024-13-45')),
      rule: 'request-parsing:malformed',
      status: 400,
    },
    {
      error:
        'a format parser\'s rejection of a request of another media type: "Request is not a multipart request"',
      // What a multipart parser says of a body sent as JSON.
      make: () => {
        class MultipartParseError extends Error {}
        return new MultipartParseError('Request is not a multipart request')
      },
      rule: 'request-parsing:media-type',
      status: 415,
    },
    {
      error: 'a body over a limit in the words of a 413, with no code: "Payload too large", "File too large"',
      // What a body parser that gives no code or status says.
      make: () => new Error('Payload too large. Limit: 1024 bytes'),
      rule: 'request-parsing:too-large',
      status: 413,
    },
    {
      error:
        'a class named for a limit on what a request carries: `MaxFileSizeExceededError`, `MaxPartsExceededError`, `UploadTooLargeError`',
      // What a multipart parser throws when an upload passes one of its limits.
      make: () =>
        errorWith('File size exceeds maximum allowed size of 4096 bytes', {}, 'MaxFileSizeExceededError'),
      rule: 'request-parsing:too-large',
      status: 413,
    },
  ],
  close,
)
