import { family } from '../internal/family.js'
import {
  asErrorStatus,
  codeOf,
  constructorName,
  get,
  getNumber,
  lookup,
  messageOf,
} from '../internal/safe.js'
import { TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

const OPOSSUM_TIMEOUT_VERDICT: Verdict = Object.freeze({ ...TIMEOUT, rule: 'resilience:opossum:timeout' })
const COCKATIEL_TIMEOUT_VERDICT: Verdict = Object.freeze({ ...TIMEOUT, rule: 'resilience:cockatiel:timeout' })
const COCKATIEL_CANCELLED: Verdict = Object.freeze({
  code: 'CLIENT_CLOSED_REQUEST',
  retryable: false,
  rule: 'resilience:cockatiel:cancelled',
})
const BOTTLENECK_OTHER: Verdict = Object.freeze({ status: 500, rule: 'resilience:bottleneck' })
const RATE_LIMITED_FLEXIBLE: Verdict = Object.freeze({
  code: 'TOO_MANY_REQUESTS',
  retryable: true,
  rule: 'resilience:rate-limiter-flexible',
})
const RATE_LIMITED_FASTIFY: Verdict = Object.freeze({
  code: 'TOO_MANY_REQUESTS',
  expose: true,
  retryable: true,
  rule: 'resilience:fastify-rate-limit',
})

/** opossum's own errors (nodeshift/opossum lib/circuit.js `buildError`), by `code`. */
const OPOSSUM: Readonly<Record<string, Verdict>> = {
  EOPENBREAKER: { ...UNAVAILABLE, rule: 'resilience:opossum:EOPENBREAKER' },
  ESEMLOCKED: { ...UNAVAILABLE, rule: 'resilience:opossum:ESEMLOCKED' },
  ESHUTDOWN: { ...UNAVAILABLE, rule: 'resilience:opossum:ESHUTDOWN' },
}
// opossum's timeout shares ETIMEDOUT with the kernel; its message tells them apart.
const OPOSSUM_TIMEOUT = /^Timed out after \d+ms$/

/** cockatiel's errors are all named 'Error'; each class sets a boolean brand (connor4312/cockatiel src/errors/*.ts). */
const COCKATIEL: readonly (readonly [string, Verdict])[] = [
  ['isBrokenCircuitError', { ...UNAVAILABLE, rule: 'resilience:cockatiel:circuit-open' }],
  ['isHydratingCircuitError', { ...UNAVAILABLE, rule: 'resilience:cockatiel:circuit-open' }],
  ['isBulkheadRejectedError', { ...UNAVAILABLE, rule: 'resilience:cockatiel:bulkhead' }],
]
// cockatiel's TimeoutPolicy throws a TaskCancelledError saying so; without that message the task
// was cancelled by the caller's signal.
const COCKATIEL_TIMEOUT = /^Operation timed out after/

/**
 * bottleneck's `BottleneckError` is named 'Error' and has no code: the class name and the message
 * tell (SGrondin/bottleneck lib/Job.js, lib/Bottleneck.js).
 */
const BOTTLENECK: readonly (readonly [RegExp, Verdict])[] = [
  [/^This job has been dropped by Bottleneck$/, { ...UNAVAILABLE, rule: 'resilience:bottleneck:dropped' }],
  [/^This job timed out after \d+ ms\.$/, { ...TIMEOUT, rule: 'resilience:bottleneck:timeout' }],
  [/^This limiter has been stopped/, { ...UNAVAILABLE, rule: 'resilience:bottleneck:stopped' }],
]

// @fastify/rate-limit index.js `defaultErrorResponse`: `Rate limit exceeded, retry in ${after}`,
// where `after` is @lukeed/ms `format(ttlInSeconds * 1000, true)` ('30 seconds', '1 minute' …).
const FASTIFY_RATE_LIMIT = /^Rate limit exceeded, retry in (\d+) (ms|second|minute|hour|day)s?$/
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
}

/**
 * Circuit breakers, bulkheads, queues and rate limiters:
 * - opossum: breaker open, semaphore full, shut down → 503; its timeout → 504;
 * - cockatiel: `BrokenCircuitError` / `IsolatedCircuitError` / `BulkheadRejectedError` → 503,
 *   `TaskCancelledError` → 504 from its timeout policy, else 499 (the caller's signal aborted);
 * - bottleneck: a dropped job or a stopped limiter → 503, an expired job → 504;
 * - rate-limiter-flexible: it rejects with a `RateLimiterRes`, not an Error → 429 with
 *   `Retry-After` from `msBeforeNext`;
 * - @fastify/rate-limit's default error (statusCode 429) → 429 with `Retry-After` from its message.
 * p-timeout and p-queue throw a `TimeoutError` that the fetch rule already answers with 504.
 */
export const resilienceRule = family({
  name: 'resilience',
  triggers: {
    codes: [...Object.keys(OPOSSUM), 'ETIMEDOUT'],
    keys: [
      ...COCKATIEL.map(([brand]) => brand),
      'isTaskCancelledError',
      '_msBeforeNext',
      'msBeforeNext',
      'statusCode',
    ],
    names: ['BottleneckError', 'RateLimiterRes'],
  },
  read(value) {
    const code = codeOf(value)
    const opossum = lookup(OPOSSUM, code)
    if (opossum) return opossum
    const message = messageOf(value)
    if (code === 'ETIMEDOUT' && message !== undefined && OPOSSUM_TIMEOUT.test(message)) {
      return OPOSSUM_TIMEOUT_VERDICT
    }
    for (const [brand, verdict] of COCKATIEL) if (get(value, brand) === true) return verdict
    if (get(value, 'isTaskCancelledError') === true) {
      return COCKATIEL_TIMEOUT.test(message ?? '') ? COCKATIEL_TIMEOUT_VERDICT : COCKATIEL_CANCELLED
    }
    if (message !== undefined && constructorName(value) === 'BottleneckError') {
      for (const [pattern, verdict] of BOTTLENECK) if (pattern.test(message)) return verdict
      return BOTTLENECK_OTHER
    }
    return rateLimiterFlexible(value) ?? fastifyRateLimit(value, message)
  },
})

/** rate-limiter-flexible's `RateLimiterRes` (npm:rate-limiter-flexible lib/RateLimiterRes.js): getters, no Error. */
function rateLimiterFlexible(value: unknown): Verdict | undefined {
  const msBeforeNext = getNumber(value, 'msBeforeNext')
  if (msBeforeNext === undefined || getNumber(value, 'remainingPoints') === undefined) return undefined
  return { ...RATE_LIMITED_FLEXIBLE, retryAfter: Math.max(0, Math.ceil(msBeforeNext / 1000)) }
}

function fastifyRateLimit(value: unknown, message: string | undefined): Verdict | undefined {
  if (asErrorStatus(get(value, 'statusCode')) !== 429 || message === undefined) return undefined
  const match = FASTIFY_RATE_LIMIT.exec(message)
  if (!match) return undefined
  const seconds = Number(match[1]) * (lookup(UNIT_SECONDS, match[2]) ?? 1)
  return { ...RATE_LIMITED_FASTIFY, retryAfter: Math.ceil(seconds) }
}
