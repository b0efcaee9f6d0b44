import { isNamedStatus } from '../codes.js'
import type { Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { dependencyVerdict } from './provenance.js'
import { contentionOf, meaningOf, messageMeaningOf } from './transient.js'

/**
 * A dependency's report of its upstream's `status` (see `provenance.ts`): the upstream policy,
 * unless the status says less than the words beside it. A 409 whose message says a transaction
 * lost to a concurrent one is contention (503, retryable), not a request of ours that was wrong; a
 * status no registry names (a protocol's own 597, a service's 440) says only its class, and a
 * code, a class name or a message that says what happened (a timeout, a lock held) decides.
 */
export function reportedVerdict(value: Probe, status: number, family: string): Verdict {
  const verdict = dependencyVerdict(value, status, family)
  if (status === 409) return contentionOf(value) ?? verdict
  if (isNamedStatus(status)) return verdict
  return meaningOf(value, family) ?? messageMeaningOf(value, family) ?? verdict
}
