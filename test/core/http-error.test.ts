import { describe, expect, it } from 'vitest'
import {
  classify,
  conflict,
  HttpError,
  httpError,
  methodNotAllowed,
  notFound,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  validationFailed,
} from '../../src/index.js'

describe('httpError', () => {
  it('carries status, statusCode and expose as http-errors does', () => {
    const error = httpError(404, 'No such order')
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      status: 404,
      statusCode: 404,
      expose: true,
      code: 'NOT_FOUND',
      name: 'HttpError',
    })
    expect(httpError(500)).toMatchObject({ expose: false, code: 'INTERNAL_SERVER_ERROR' })
  })

  it('is read back exactly: code, message, details, headers, retryAfter', () => {
    const details = [{ path: 'email', message: 'Already registered', code: 'taken' }]
    const c = classify(
      httpError(409, 'That email is taken.', {
        code: 'EMAIL_TAKEN',
        details,
        headers: { 'Accept-Patch': 'application/merge-patch+json', 'Content-Range': 'bytes */10' },
      }),
    )
    expect(c).toMatchObject({
      status: 409,
      code: 'EMAIL_TAKEN',
      message: 'That email is taken.',
      expose: true,
      details,
    })
    // Content-Range goes out on a 416 only.
    expect(c.headers).toEqual({ 'accept-patch': 'application/merge-patch+json' })
    expect(
      classify(httpError(416, undefined, { headers: { 'Content-Range': 'bytes */10' } })).headers,
    ).toEqual({
      'content-range': 'bytes */10',
    })
    expect(classify(tooManyRequests(undefined, { retryAfter: 12 }))).toMatchObject({
      status: 429,
      retryAfter: 12,
      headers: { 'retry-after': '12' },
    })
  })

  it('keeps a 5xx message and code private', () => {
    const c = classify(serviceUnavailable('maintenance of db-7', { code: 'DB_MAINTENANCE', retryAfter: 120 }))
    expect(c).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', expose: false, retryAfter: 120 })
    expect(c.message).not.toContain('db-7')
  })

  it('honours expose: false on a 4xx', () => {
    expect(classify(conflict('row 7 of table users', { expose: false })).message).not.toContain('users')
  })

  it('fails at the call on a status outside 400–599 or a code that is not SCREAMING_SNAKE', () => {
    expect(() => httpError(200)).toThrow(/400–599, got 200/)
    expect(() => httpError(999)).toThrow(/400–599, got 999/)
    expect(() => httpError(404.5)).toThrow(/got 404.5/)
    expect(() => httpError('404' as never)).toThrow(/got "404" \(pass the number 404, not a string\)/)
    expect(() => httpError(Number.NaN)).toThrow(RangeError)
    expect(() => httpError(404, 'x', { code: 'not snake' })).toThrow(/SCREAMING_SNAKE .*got "not snake"/)
    // any status an app chooses in 400–599 stands, a 5xx code stays private
    expect(httpError(418)).toMatchObject({ status: 418, statusCode: 418 })
    expect(httpError(599)).toMatchObject({ status: 599 })
    expect(httpError(503, 'x', { code: 'DB_DOWN' })).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
  })

  it('has helpers with the headers their status needs', () => {
    expect(classify(unauthorized()).headers['www-authenticate']).toBe('Bearer')
    expect(classify(methodNotAllowed(['GET', 'HEAD'])).headers.allow).toBe('GET, HEAD')
    expect(classify(validationFailed([{ path: 'a', message: 'Required', code: 'required' }]))).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      details: [{ path: 'a', message: 'Required', code: 'required' }],
    })
    expect(classify(notFound())).toMatchObject({ message: 'The requested resource was not found.' })
  })
})
