import {
  BadRequestError,
  ConflictError,
  createError,
  HttpError,
  InsufficientStorageError,
  MethodNotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnprocessableEntityError,
} from 'http-errors-enhanced'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'

const library = 'http-errors-enhanced'

// A bookings API whose handlers and middleware throw http-errors-enhanced errors (status,
// statusCode, code, headers, cause, extra properties).
export const collect: Collect = async () => {
  const rooms = new Map([['r-1', { id: 'r-1', booked: ['2026-12-24'] }]])
  let usedBytes = 0
  let overloaded = false
  let tokens = Number.POSITIVE_INFINITY
  const app = await serveApp({
    middleware: [
      ({ url, headers }) => {
        if (url.pathname.startsWith('/admin') && headers.authorization === undefined)
          throw createError(401, 'Back-office credentials required', {
            headers: { 'WWW-Authenticate': 'Basic realm="backoffice"' },
          })
        if (overloaded)
          throw new ServiceUnavailableError('Booking engine is overloaded', {
            headers: { 'Retry-After': '15' },
          })
        if (--tokens < 0)
          throw new TooManyRequestsError('Slow down', { headers: { 'Retry-After': '45' }, limit: 100 })
      },
    ],
    routes: {
      'GET /rooms/:id': ({ params }) => {
        const room = rooms.get(params.id ?? '')
        if (!room) throw new NotFoundError(`Room ${params.id} not found`)
        return room
      },
      'POST /rooms/:id/bookings': ({ params, body }) => {
        const input = JSON.parse(body) as { date?: string; nights?: unknown }
        const date = new Date(input.date ?? '')
        try {
          date.toISOString()
        } catch (error) {
          throw new BadRequestError(`"${input.date}" is not a date`, { cause: error })
        }
        if (typeof input.nights !== 'number' || input.nights < 1)
          throw new UnprocessableEntityError('Invalid booking', {
            failedValidations: { nights: 'must be a positive number' },
          })
        if (rooms.get(params.id ?? '')?.booked.includes(date.toISOString().slice(0, 10)))
          throw new ConflictError('The room is already booked that night', { code: 'ROOM_TAKEN' })
        return input
      },
      'PUT /rooms/:id': () => {
        throw new MethodNotAllowedError('Rooms are managed in the back-office', {
          headers: { Allow: 'GET, POST' },
        })
      },
      'POST /rooms/:id/photos': ({ body }) => {
        usedBytes += body.length
        if (usedBytes > 100) throw new InsufficientStorageError('Photo storage quota of this hotel is full')
        return null
      },
      'GET /rooms/:id/map': () => {
        // A "redirect" thrown as an error: the library itself turns 302 into 500.
        throw createError(302, 'Map moved', { headers: { Location: '/maps/r-1' } })
      },
      'GET /admin/export': () => {
        throw new HttpError('NotImplemented', 'CSV export is not implemented')
      },
    },
  })
  const json = (body: string): RequestInit => ({ method: 'POST', body })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'POST /rooms/r-1/bookings with date "tomorrow": handler threw BadRequestError (status 400) with the RangeError "Invalid time value" as cause',
      why: 'errors that carry a status: 400',
      expect: { status: 400 },
      error: await app.rejection('/rooms/r-1/bookings', json('{"date":"tomorrow","nights":1}')),
    })
    cases.push({
      library,
      what: 'POST /rooms/r-1/bookings with nights 0: handler threw UnprocessableEntityError (status 422) with failedValidations',
      why: 'errors that carry a status: 422',
      expect: { status: 422 },
      error: await app.rejection('/rooms/r-1/bookings', json('{"date":"2026-12-20","nights":0}')),
    })
    cases.push({
      library,
      what: 'PUT /rooms/r-1: handler threw MethodNotAllowedError (status 405) with headers { Allow: GET, POST }',
      why: 'errors that carry a status: 405, with the Allow the error carries',
      expect: { status: 405, headers: { allow: 'GET, POST' } },
      error: await app.rejection('/rooms/r-1', { method: 'PUT', body: '{}' }),
    })
    cases.push({
      library,
      what: 'GET /rooms/r-1/map: handler called createError(302, ...), which the library turned into status 500 (code HTTP_ERROR_INTERNAL_SERVER_ERROR)',
      why: 'carried status 500 (the 302 given to the library is outside 400-599): 500',
      expect: { status: 500 },
      error: await app.rejection('/rooms/r-1/map'),
    })
    cases.push({
      library,
      what: 'POST /rooms/r-1/photos over the storage quota: handler threw InsufficientStorageError (status 507)',
      why: 'errors that carry a status: 507 the app chose, in 400-599',
      expect: { status: 507 },
      error: await app.rejection('/rooms/r-1/photos', json('x'.repeat(200))),
    })
    cases.push({
      library,
      what: 'GET /admin/export without credentials: middleware threw createError(401) with headers { WWW-Authenticate: Basic realm="backoffice" }',
      why: 'errors that carry a status: 401, with the challenge the error carries',
      expect: { status: 401, headers: { 'www-authenticate': 'Basic realm="backoffice"' } },
      error: await app.rejection('/admin/export'),
    })
    cases.push({
      library,
      what: "GET /admin/export: handler threw new HttpError('NotImplemented', ...) (status 501)",
      why: 'errors that carry a status: 501 (explicit not-implemented)',
      expect: { status: 501 },
      error: await app.rejection('/admin/export', { headers: { authorization: 'Basic YTpi' } }),
    })
    tokens = 0
    cases.push({
      library,
      what: 'request over the token bucket: middleware threw TooManyRequestsError (status 429) with headers { Retry-After: 45 }',
      why: 'errors that carry a status: 429, with the Retry-After the error carries',
      expect: { status: 429, headers: { 'retry-after': '45' } },
      error: await app.rejection('/rooms/r-1'),
    })
    overloaded = true
    cases.push({
      library,
      what: 'request while overloaded: middleware threw ServiceUnavailableError (status 503) with headers { Retry-After: 15 }',
      why: 'errors that carry a status: 503 (retryable), with the Retry-After the error carries',
      expect: { status: 503, retryable: true, headers: { 'retry-after': '15' } },
      error: await app.rejection('/rooms/r-1'),
    })
  } finally {
    await app.close()
  }
  return cases
}
