import { chosenHeaders } from '../internal/chosen-headers.js'
import { reportedVerdict } from '../internal/dependency-report.js'
import { family } from '../internal/family.js'
import { shapeIssues } from '../internal/issue-shapes.js'
import { validationVerdict } from '../internal/issues.js'
import type { Probe } from '../internal/probe.js'
import { isDependencysReport, whoMade } from '../internal/provenance.js'
import { asErrorStatus, codeOf, get, getBoolean, getPath, has, messageOf, nameOf } from '../internal/safe.js'
import type { Verdict } from '../types.js'

/**
 * Errors that carry an HTTP status somebody chose: @hapi/boom (`isBoom`, `output.statusCode`),
 * http-errors and Koa (`status`/`statusCode`, `expose`, `headers`), Hono's `HTTPException`,
 * NestJS `HttpException`, h3 v1 and v2, @fastify/error. A status outside 400–599 is not a status:
 * the value is not recognised, so its cause or the fallback (500) decides. A status error of no
 * known carrier that a dependency made on its own (no frame of the application on its stack; and
 * no code, unless its class is named as a client's) is that dependency's report of an upstream's
 * answer, and follows the upstream policy (`status:dependency:*`): an SDK's `{ status: 401 }` is
 * not our client's 401. A status error of no known carrier whose 400 comes with a validator's issues
 * is a validation failure (422, `validation:shape`), as the policy's validation row says.
 */
export const statusRule = family({
  name: 'status',
  // A status own or inherited (http-errors keeps it on the prototype), or Boom's own marker.
  triggers: { present: ['status', 'statusCode'], keys: ['isBoom'] },
  read(value) {
    if (value.ownKeys.includes('isBoom') && get(value, 'isBoom') === true) {
      const status = asErrorStatus(getPath(value, 'output', 'statusCode'))
      if (status === undefined || isBoomifiedSocketError(value)) return undefined
      return {
        status,
        rule: 'status:boom',
        expose: true,
        headers: getPath(value, 'output', 'headers') as never,
      }
    }
    const status = asErrorStatus(get(value, 'status')) ?? asErrorStatus(get(value, 'statusCode'))
    if (status === undefined) return answeredOk(value)
    const carrier = carrierOf(value)
    if (carrier === 'generic' && (reportsCall(value, status) || isDependencysReport(value, status))) {
      return reportedVerdict(value, status, 'status')
    }
    // A validation middleware's 400 with the issues it found: the policy's validation row (422, the
    // issues listed), as for Fastify's validation error. An error made for the app's own answer
    // (`expose`, a framework's class) keeps the status it chose.
    if (carrier === 'generic' && (status === 400 || status === 422)) {
      const issues = shapeIssues(value)
      if (issues) return validationVerdict('validation:shape', issues, value)
    }
    const verdict: Verdict = {
      status,
      rule: RULES[carrier],
      expose: getBoolean(value, 'expose') ?? true,
      headers: chosenHeaders(value) as never,
    }
    // h3 wraps any error its handler did not expect in an HTTPError marked `unhandled`, the original
    // as its cause and its status copied (a 500 for most; an axios error's upstream 401 would be a
    // 401); Nest's platforms map a body parser's or Fastify's error to an HttpException of the
    // same status and message, the original as its cause; a plugin's catch-all 500 (a proxy's
    // `INTERNAL_SERVER_ERROR` over a refused upstream) says no more than our own fallback. Wrappers
    // that say less than their cause: the cause decides when it is recognised.
    const wraps =
      (carrier === 'h3' && get(value, 'unhandled') === true) ||
      (carrier === 'nestjs' && restates(value, status)) ||
      (status === 500 && (carrier === 'generic' || carrier === 'fastify') && value.get('cause') != null)
    return wraps ? { ...verdict, weak: true } : verdict
  },
})

/**
 * A system error of a socket that a client turned into a Boom (`Boom.boomify(err, { statusCode:
 * 502 })` keeps the error's own `code` and `syscall`): the code says what happened (a refusal is
 * 503, a timeout 504), more precisely than the status the client chose for every failure, so the
 * system-code rule reads it.
 */
function isBoomifiedSocketError(value: Probe): boolean {
  const syscall = value.get('syscall')
  return (
    (syscall === 'connect' || syscall === 'read' || syscall === 'write' || syscall === 'getaddrinfo') &&
    typeof value.code === 'string' &&
    /^E[A-Z_]+$/.test(value.code)
  )
}

/**
 * A message that reports the status as a client reports a call's answer ("HTTP 404: Not Found",
 * "Request failed with status code 401", "Response code 503"), on an error that no frame of the
 * application made: the status is the upstream's. (An application's own `HttpError('HTTP 404')`
 * keeps its status.)
 */
const CALL_STATUS =
  /\b(?:HTTP(?: error| status(?: code)?| response)?|status code|response code)(?::| -)? ?([45]\d\d)\b/i

function reportsCall(value: Probe, status: number): boolean {
  const message = value.message
  if (message === undefined || message.length < 6) return false
  const found = CALL_STATUS.exec(message.length > 256 ? message.slice(0, 256) : message)
  if (found === null || Number(found[1]) !== status) return false
  return whoMade(value.get('stack'), message) !== 'application'
}

/**
 * A 2xx that an error a dependency made on its own after waiting carries (`statusCode: 200`): its
 * upstream answered, and the answer could not be used (a login page where JSON was due): a bad
 * reply (502). No status of ours is ever a 2xx error.
 */
const UNUSABLE_ANSWER: Verdict = Object.freeze({
  code: 'BAD_GATEWAY',
  retryable: true,
  rule: 'status:dependency:2xx',
})

function answeredOk(value: Probe): Verdict | undefined {
  const carried = value.get('statusCode') ?? value.get('status')
  if (typeof carried !== 'number' || carried < 200 || carried > 299) return undefined
  return whoMade(value.get('stack'), value.message) === 'dependency' ? UNUSABLE_ANSWER : undefined
}

/** Whether a Nest exception restates its cause: the same status and the same message. */
function restates(value: Probe, status: number): boolean {
  const cause = value.get('cause')
  if (cause === undefined || cause === null) return false
  const carried = asErrorStatus(get(cause, 'status')) ?? asErrorStatus(get(cause, 'statusCode'))
  return carried === status && messageOf(cause) === value.message
}

const CARRIERS = ['hono', 'nestjs', 'h3', 'fastify', 'http-errors', 'generic'] as const
type Carrier = (typeof CARRIERS)[number]
/** Each carrier's rule name, made once. */
const RULES = Object.fromEntries(CARRIERS.map((c) => [c, `status:${c}`])) as Record<Carrier, string>

function carrierOf(value: unknown): Carrier {
  if (typeof get(value, 'getResponse') === 'function' && has(value, 'res')) return 'hono'
  if (typeof get(value, 'getStatus') === 'function') return 'nestjs'
  // The constructor's marker is read on the constructor itself: a probe of it would read ten facts.
  if (nameOf(value) === 'HTTPError' || get(get(value, 'constructor'), '__h3_error__') === true) return 'h3'
  if (codeOf(value)?.startsWith('FST_')) return 'fastify'
  if (typeof getBoolean(value, 'expose') === 'boolean') return 'http-errors'
  return 'generic'
}
