import { classify } from '../../src/index.js'
import type { HeldOutCase } from './case.js'

/** How one case fared. */
export interface Scored {
  readonly case: HeldOutCase
  readonly status: number
  readonly rule: string
  readonly retryable: boolean
  readonly headers: Readonly<Record<string, string>>
  readonly misses: readonly string[]
}

/** Scores a case on status, and on `retryable` and headers where its label names them. */
export function score(heldOut: HeldOutCase): Scored {
  const got = classify(heldOut.error)
  const misses: string[] = []
  if (got.status !== heldOut.expect.status)
    misses.push(`status ${got.status}, expected ${heldOut.expect.status}`)
  if (heldOut.expect.retryable !== undefined && got.retryable !== heldOut.expect.retryable) {
    misses.push(`retryable ${got.retryable}, expected ${heldOut.expect.retryable}`)
  }
  for (const [name, value] of Object.entries(heldOut.expect.headers ?? {})) {
    const seen = got.headers[name]
    if (value === null ? seen !== undefined : seen !== value) {
      misses.push(`header ${name}: ${seen ?? '(absent)'}, expected ${value ?? '(absent)'}`)
    }
  }
  return {
    case: heldOut,
    status: got.status,
    rule: got.rule,
    retryable: got.retryable,
    headers: got.headers,
    misses,
  }
}
