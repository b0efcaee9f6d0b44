import { isNamedStatus } from '../codes.js'
import type { Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { dependencyVerdict } from './provenance.js'
import { contentionOf, meaningOf, messageMeaningOf } from './transient.js'

/**
 * An idempotency key reused with another request, as an upstream's 409 says it in a class name, a
 * code or a message (`MPIdempotencyError`, `idempotency_error`): the policy's conflicts row (409),
 * the client's to resolve, as Stripe's `idempotency_error` is.
 */
const IDEMPOTENT = /idempoten/i

function isIdempotency(value: Probe): boolean {
  const code = value.get('code')
  return (
    IDEMPOTENT.test(value.name ?? '') ||
    IDEMPOTENT.test(value.constructorName ?? '') ||
    (typeof code === 'string' && IDEMPOTENT.test(code)) ||
    IDEMPOTENT.test(value.message?.slice(0, 256) ?? '')
  )
}

/**
 * A dependency's report of its upstream's `status` (see `provenance.ts`): the upstream policy,
 * unless the status says less than the words beside it. A 409 whose message says a transaction
 * lost to a concurrent one is contention (503, retryable), and one that says an idempotency key
 * was reused a conflict (409): neither is a request of ours that was wrong. A status no registry
 * names (a protocol's own 597, a service's 440) says only its class, and a code, a class name or
 * a message that says what happened (a timeout, a lock held) decides.
 */
export function reportedVerdict(value: Probe, status: number, family: string): Verdict {
  const verdict = dependencyVerdict(value, status, family)
  if (status === 409) {
    const contention = contentionOf(value, `${family}:dependency`)
    if (contention !== undefined) return contention
    return isIdempotency(value) ? { code: 'CONFLICT', rule: `${family}:dependency:idempotency` } : verdict
  }
  if (isNamedStatus(status)) return verdict
  return meaningOf(value, family) ?? messageMeaningOf(value, family) ?? verdict
}
