// The peers' nearest equivalents of `classify`: what each does with an error before it answers.
import Boom from '@hapi/boom'
import createError from 'http-errors'
import statuses from 'statuses'

/** http-errors: `createError(err)` turns any error into an HttpError (status, expose). */
export function httpErrors(value) {
  return createError(value)
}

/**
 * @hapi/boom: `Boom.boomify(err)` decorates an Error in place (status 500 unless told otherwise,
 * it reads no `status` of its own). It asserts an Error, so a thrown non-Error goes through the
 * constructor, as `new Boom.Boom(value)` is how hapi wraps one.
 */
export function boom(value) {
  return value instanceof Error ? Boom.boomify(value) : new Boom.Boom(String(value))
}

/**
 * finalhandler (Express's default final handler): the status, headers and message it computes
 * for an error with `env: 'production'`. Its helpers are not exported; this copies
 * `getErrorStatusCode`, `getResponseStatusCode`, `getErrorHeaders` and `getErrorMessage` from
 * finalhandler 2.1.1, node_modules/finalhandler/index.js (lines 90–103, 139–231), with
 * `res.statusCode` at its default 200.
 */
export function finalhandler(err, res = { statusCode: 200 }) {
  // A falsy error is no error to finalhandler: it answers 404 "Cannot GET /" (index.js, lines 90–108).
  if (!err) return { status: 404, headers: undefined, msg: 'Cannot GET /' }
  let headers
  let status = getErrorStatusCode(err)
  if (status === undefined) status = getResponseStatusCode(res)
  else headers = getErrorHeaders(err)
  const msg = getErrorMessage(err, status, 'production')
  return { status, headers, msg }
}

function getErrorHeaders(err) {
  if (!err.headers || typeof err.headers !== 'object') return undefined
  return { ...err.headers }
}

function getErrorMessage(err, status, env) {
  let msg
  if (env !== 'production') {
    msg = err.stack
    if (!msg && typeof err.toString === 'function') msg = err.toString()
  }
  return msg || statuses.message[status]
}

function getErrorStatusCode(err) {
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 600) return err.status
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600)
    return err.statusCode
  return undefined
}

function getResponseStatusCode(res) {
  let status = res.statusCode
  if (typeof status !== 'number' || status < 400 || status > 599) status = 500
  return status
}
