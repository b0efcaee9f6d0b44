import { family } from '../internal/family.js'
import { asErrorStatus, codeOf, get, getBoolean, getPath, has, nameOf } from '../internal/safe.js'
import type { Verdict } from '../types.js'

/**
 * Errors that carry an HTTP status somebody chose: @hapi/boom (`isBoom`, `output.statusCode`),
 * http-errors and Koa (`status`/`statusCode`, `expose`, `headers`), Hono's `HTTPException`,
 * NestJS `HttpException`, h3 v1 and v2, @fastify/error. A status outside 400–599 is not a status:
 * the value is not recognised, so its cause or the fallback (500) decides.
 */
export const statusRule = family({
  name: 'status',
  triggers: { always: true },
  read(value) {
    if (value.ownKeys.includes('isBoom') && get(value, 'isBoom') === true) {
      const status = asErrorStatus(getPath(value, 'output', 'statusCode'))
      if (status === undefined) return undefined
      return {
        status,
        rule: 'status:boom',
        expose: true,
        headers: getPath(value, 'output', 'headers') as never,
      }
    }
    const status = asErrorStatus(get(value, 'status')) ?? asErrorStatus(get(value, 'statusCode'))
    if (status === undefined) return undefined
    const carrier = carrierOf(value)
    const verdict: Verdict = {
      status,
      rule: `status:${carrier}`,
      expose: getBoolean(value, 'expose') ?? true,
      headers: get(value, 'headers') as never,
    }
    // h3 wraps any error its handler did not expect in a 500 marked `unhandled`, the original as its
    // cause: a wrapper that says less than its cause, so the cause decides when it is recognised.
    return carrier === 'h3' && status === 500 && get(value, 'unhandled') === true
      ? { ...verdict, weak: true }
      : verdict
  },
})

function carrierOf(value: unknown): string {
  if (typeof get(value, 'getResponse') === 'function' && has(value, 'res')) return 'hono'
  if (typeof get(value, 'getStatus') === 'function') return 'nestjs'
  // The constructor's marker is read on the constructor itself: a probe of it would read ten facts.
  if (nameOf(value) === 'HTTPError' || get(get(value, 'constructor'), '__h3_error__') === true) return 'h3'
  if (codeOf(value)?.startsWith('FST_')) return 'fastify'
  if (typeof getBoolean(value, 'expose') === 'boolean') return 'http-errors'
  return 'generic'
}
