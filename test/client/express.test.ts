import { createServer, type Server } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorHandler, notFoundHandler } from '../../src/adapters/express.js'
import { ProblemError, readProblem, withRetry } from '../../src/client.js'
import { httpError, validationFailed } from '../../src/index.js'
import { listen } from '../support/loopback.js'

// The client against an Express 5 server answered by our Express adapter: what its error handler
// writes (Problem Details, and the plain JSON format) is what the client reads and retries.
let server: Server
let url = ''
const hits = new Map<string, number>()

beforeAll(async () => {
  const app = express()
  app.use((req, _res, next) => {
    hits.set(req.path, (hits.get(req.path) ?? 0) + 1)
    next()
  })
  app.get('/busy-then-ok', (req, res) => {
    if ((hits.get(req.path) ?? 0) < 3) throw httpError(503, 'Busy', { retryAfter: 0 })
    res.json({ ok: true })
  })
  app.post('/signup', () => {
    throw validationFailed([{ path: 'email', message: 'Invalid email', code: 'invalid_format' }])
  })
  app.get('/json/busy', () => {
    throw httpError(503, 'Busy', { retryAfter: 0 })
  })
  app.use('/json', errorHandler({ log: false, format: 'json' }))
  app.use(notFoundHandler({ log: false }))
  app.use(errorHandler({ log: false }))
  server = createServer(app)
  url = `http://127.0.0.1:${await listen(server)}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('http-triage/client against the Express adapter', () => {
  it('retries a GET answered 503 by errorHandler() until it succeeds', async () => {
    const response = await withRetry(fetch)(`${url}/busy-then-ok`)
    expect(response.status).toBe(200)
    expect(hits.get('/busy-then-ok')).toBe(3)
  })

  it('reads a 422 into a ProblemError with the field errors and the request id, attempted once', async () => {
    const error = await withRetry(fetch, { throwOnError: true })(`${url}/signup`, {
      method: 'POST',
      headers: { 'idempotency-key': 'signup-1' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProblemError)
    const problem = (error as ProblemError).problem
    expect(problem).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      retryable: false,
      errors: [{ path: 'email', message: 'Invalid email', code: 'invalid_format' }],
    })
    expect((error as ProblemError).requestId).toBe(
      (error as ProblemError).response.headers.get('x-request-id'),
    )
    expect(hits.get('/signup')).toBe(1)
  })

  it('reads the plain JSON format, and retries it the same way', async () => {
    const response = await withRetry(fetch, { attempts: 2 })(`${url}/json/busy`)
    expect(response.status).toBe(503)
    expect(hits.get('/json/busy')).toBe(2)
    expect(await readProblem(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true })
    expect(((await response.json()) as { error: string }).error).toBe('Service Unavailable')
  })
})
