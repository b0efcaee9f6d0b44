import { Writable } from 'node:stream'
import createError from 'http-errors'
import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { createResponder } from '../../src/index.js'

const request = { method: 'GET', path: '/orders/7', header: () => undefined }

function pinoInto(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  return pino({ level: 'debug' }, stream)
}

describe('log report', () => {
  it('is pino-shaped: pino logs err, res.statusCode, code, rule and request_id with no configuration', async () => {
    const lines: Record<string, unknown>[] = []
    const respond = createResponder({ log: pinoInto(lines) })
    const out = respond(new Error('db down'), request)
    await new Promise((resolve) => setImmediate(resolve))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'Internal Server Error',
      err: { type: 'Error', message: 'db down' },
      res: { statusCode: 500 },
      req: { method: 'GET', url: '/orders/7' },
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'fallback',
      retryable: false,
      request_id: out.requestId,
    })
    expect(JSON.stringify(lines[0])).toContain('at ') // the stack came along
  })

  it('prints one line per error to console: the stack and causes for a 5xx only, no control characters, no object dump', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const respond = createResponder({ log: console })
    const cause = new Error('template orders.html is missing')
    const failure = new Error('load failed\nsecond line', { cause })
    const { requestId } = respond(failure, { ...request, startedAt: Date.now() })
    const forged = Object.assign(createError(409, 'taken\r\nhttp-triage: 200 OK'), {
      detail: { email: 'a@b.c' },
    })
    respond(forged, request)
    expect(error).toHaveBeenCalledTimes(1)
    const [line] = error.mock.calls[0] as [string]
    const [first, ...rest] = line.split('\n')
    expect(first).toMatch(
      new RegExp(
        `^http-triage: 500 INTERNAL_SERVER_ERROR GET /orders/7 rule=fallback request_id=${requestId} duration_ms=\\d+ - Error: load failed$`,
      ),
    )
    expect(rest[0]).toMatch(/^ {4}at /)
    expect(rest.at(-1)).toBe('  [cause] Error: template orders.html is missing')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]).toEqual([
      expect.stringMatching(/^http-triage: 409 CONFLICT GET \/orders\/7 rule=status:http-errors /),
    ])
    const warned = (warn.mock.calls[0] as [string])[0]
    expect(warned).not.toContain('\n')
    expect(warned).toMatch(/- ConflictError: taken$/)
    expect(warned).not.toContain('a@b.c')
    error.mockRestore()
    warn.mockRestore()
  })

  it('logs 5xx at error and 4xx at warn by default, and both levels are configurable', () => {
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() }
    createResponder({ log: logger })(createError(404), request)
    createResponder({ log: logger })(new Error('x'), request)
    expect(logger.warn).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledTimes(1)
    createResponder({ log: logger, clientErrorLevel: 'info' })(createError(404), request)
    expect(logger.info).toHaveBeenCalledTimes(1)
    createResponder({ log: logger, clientErrorLevel: 'silent' })(createError(404), request)
    expect(logger.warn).toHaveBeenCalledTimes(1)
  })

  it('works with console and with a function', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    createResponder({ log: console })(new Error('x'), request)
    expect(spy).toHaveBeenCalledWith(expect.stringMatching(/^http-triage: 500 INTERNAL_SERVER_ERROR /))
    spy.mockRestore()
    const fn = vi.fn()
    createResponder({ log: fn })(createError(409), request)
    expect(fn).toHaveBeenCalledWith(expect.objectContaining({ status: 409 }), 'warn', 'Conflict')
  })

  it('never lets a logger change the response: one that throws, one that rejects, one that hangs', async () => {
    const loggers = [
      () => {
        throw new Error('logger down')
      },
      () => Promise.reject(new Error('async logger down')),
      () => new Promise(() => {}),
    ]
    for (const log of loggers) {
      const out = createResponder({ log })(createError(404, 'No such order'), request)
      expect(out.status).toBe(404)
      expect(JSON.parse(out.body ?? '')).toMatchObject({ detail: 'No such order' })
    }
    await new Promise((resolve) => setImmediate(resolve)) // a rejection would surface here as unhandled
  })

  it('rejects a bad logger at setup', () => {
    expect(() => createResponder({ log: { info() {} } as never })).toThrow(/log/)
    expect(() => createResponder({ log: console, serverErrorLevel: 'loud' as never })).toThrow(
      /serverErrorLevel/,
    )
  })
})
