import type { Rule, Verdict } from '../types.js'
import { get, isObjectLike, toArray } from './safe.js'

/** How deep the walk follows `cause` links. */
export const MAX_DEPTH = 16
/** How many values the walk visits at most (AggregateError fans out). */
export const MAX_VALUES = 48
/** How many members of an `AggregateError.errors` the walk looks at. */
const MAX_AGGREGATE_MEMBERS = 8

/** The value a rule recognised, with the rule and its verdict. */
export interface Match {
  readonly rule: Rule
  readonly verdict: Verdict
  readonly value: unknown
}

/**
 * Walks a thrown value and its cause chain breadth-first (`cause`, `AggregateError.errors`, and the
 * carriers named by rules' `unwrap`) with a depth cap and a cycle guard, and returns the outermost
 * value that a rule recognises. A weak verdict holds only if nothing deeper is recognised.
 */
export function findMatch(
  thrown: unknown,
  rules: readonly Rule[],
  unwrappers: readonly Rule[],
): Match | undefined {
  const seen = new Set<unknown>()
  let level: unknown[] = [thrown]
  let visited = 0
  let weak: Match | undefined
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = []
    for (const value of level) {
      if (visited >= MAX_VALUES) return weak
      if (isObjectLike(value)) {
        if (seen.has(value)) continue
        seen.add(value)
      }
      visited++
      const match = matchValue(value, rules)
      if (match && !match.verdict.weak) return match
      if (match && !weak) weak = match
      if (depth < MAX_DEPTH) collectChildren(value, unwrappers, next)
    }
    level = next
  }
  return weak
}

function matchValue(value: unknown, rules: readonly Rule[]): Match | undefined {
  for (const rule of rules) {
    let verdict: Verdict | undefined
    try {
      verdict = rule.match(value)
    } catch {
      continue // a rule that throws has not matched
    }
    if (verdict) return { rule, verdict, value }
  }
  return undefined
}

function collectChildren(value: unknown, unwrappers: readonly Rule[], into: unknown[]): void {
  if (!isObjectLike(value)) return
  const cause = get(value, 'cause')
  if (cause !== undefined && cause !== null) into.push(cause)
  const members = toArray(get(value, 'errors'), MAX_AGGREGATE_MEMBERS)
  if (members) for (const member of members) if (isObjectLike(member)) into.push(member)
  for (const rule of unwrappers) {
    try {
      const inner = rule.unwrap?.(value)
      if (inner) for (const item of inner.slice(0, MAX_AGGREGATE_MEMBERS)) if (item != null) into.push(item)
    } catch {
      // an unwrapper that throws adds nothing
    }
  }
}
