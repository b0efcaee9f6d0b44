import type { Family } from '../internal/family.js'
import { Probe } from '../internal/probe.js'
import { isObjectLike, toArray } from '../internal/safe.js'
import type { Rule, Verdict } from '../types.js'
import type { Dispatch } from './dispatch.js'

/** How deep the walk follows `cause` links. */
export const MAX_DEPTH = 16
/** How many values the walk visits at most (AggregateError fans out). */
export const MAX_VALUES = 48
/** How many members of an `AggregateError.errors` the walk looks at. */
const MAX_AGGREGATE_MEMBERS = 8

/** The value a rule recognised, with the rule's name and its verdict. */
export interface Match {
  readonly rule: Rule
  readonly verdict: Verdict
  readonly value: unknown
  /** The probe the value was read through: the classification reads its message from it. */
  readonly probe: Probe
}

/** What a classifier walks with: the user's rules (raw values) and the indexed families. */
export interface Walker {
  readonly userRules: readonly Rule[]
  readonly dispatch: Dispatch
}

/**
 * Walks a thrown value and its cause chain breadth-first (`cause`, `AggregateError.errors`, and the
 * carriers named by families' `unwrap`) with a depth cap and a cycle guard, and returns the
 * outermost value that a rule recognises. A weak verdict holds only if nothing deeper is
 * recognised. Each value is read through one probe; a value with nothing to walk into costs no
 * set and no arrays. Late readers (a message's words) run only when the walk ends with no definite
 * verdict, on the values no family recognised before the first weak verdict, outermost first: a
 * chain whose inner error is known never pays for its wrappers' messages. Then, over a weak
 * verdict, a definite late one of a value inside it decides (a key service's answer, read from its
 * status line, under a token library's parse error).
 */
export function findMatch(thrown: unknown, walker: Walker): Match | undefined {
  const first = new Probe(thrown)
  const firstMask = candidatesOf(first, walker)
  const direct = matchValue(first, firstMask, walker)
  if (direct && !direct.verdict.weak) return direct
  let weak = direct
  // The values to visit, breadth-first, in one list: a level ends where the list ended when the
  // level began. The values before `i` are the visited ones, the cycle guard's memory.
  const queue = children(first, firstMask, walker, undefined)
  if (queue === undefined) return weak ?? matchLate(first, lateMask(first, firstMask, walker), walker)
  // The values a late reader may still speak for, in walk order.
  let late: Probe[] | undefined
  let lateMasks: number[] | undefined
  // The values inside the first weak verdict that no family recognised, in walk order.
  let inside: Probe[] | undefined
  let insideMasks: number[] | undefined
  const firstLate = lateMask(first, firstMask, walker)
  if (weak === undefined && (firstLate & walker.dispatch.lates) !== 0) {
    late = [first]
    lateMasks = [firstLate]
  }
  let depth = 1
  let levelEnd = queue.length
  for (let i = 0, visited = 1; i < queue.length && visited < MAX_VALUES; i++) {
    if (i === levelEnd) {
      depth++
      levelEnd = queue.length
    }
    const value = queue[i]
    // No value here is a probe: a plain type test, not `isObjectLike`'s brand check.
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      if (value === thrown || queue.indexOf(value) < i) continue
    }
    visited++
    const probe = new Probe(value)
    const mask = candidatesOf(probe, walker)
    const match = matchValue(probe, mask, walker)
    if (match && !match.verdict.weak) return match
    if (match && !weak) weak = match
    else if (!match) {
      const lates = lateMask(probe, mask, walker)
      if ((lates & walker.dispatch.lates) !== 0) {
        if (weak) {
          inside ??= []
          insideMasks ??= []
          inside.push(probe)
          insideMasks.push(lates)
        } else {
          late ??= []
          lateMasks ??= []
          late.push(probe)
          lateMasks.push(lates)
        }
      }
    }
    if (depth < MAX_DEPTH) children(probe, mask, walker, queue)
  }
  if (late !== undefined && lateMasks !== undefined) {
    for (let i = 0; i < late.length; i++) {
      const match = matchLate(late[i] as Probe, lateMasks[i] as number, walker)
      if (match) return match
    }
  }
  if (inside !== undefined && insideMasks !== undefined) {
    for (let i = 0; i < inside.length; i++) {
      const match = matchLate(inside[i] as Probe, insideMasks[i] as number, walker)
      if (match && !match.verdict.weak) return match
    }
  }
  return weak
}

/** The first late reader's verdict on a value (they speak only where no family's `read` did). */
function matchLate(probe: Probe, candidates: number, walker: Walker): Match | undefined {
  const { families, lates } = walker.dispatch
  for (let mask = candidates & lates; mask !== 0; mask &= mask - 1) {
    const family = families[31 - Math.clz32(mask & -mask)] as Family
    let verdict: Verdict | undefined
    try {
      verdict = family.readLate?.(probe)
    } catch {
      continue
    }
    if (verdict) return { rule: family, verdict, value: probe.value, probe }
  }
  return undefined
}

/** The families whose late readers may speak for a value: its candidates and the ever-late. */
function lateMask(probe: Probe, candidates: number, walker: Walker): number {
  if (probe.isObject) return candidates | walker.dispatch.lateAlways
  // A thrown string's words are read as a message's are.
  return typeof probe.value === 'string' ? walker.dispatch.lateAlways : 0
}

function candidatesOf(probe: Probe, walker: Walker): number {
  return probe.isObject ? walker.dispatch.candidates(probe) : 0
}

function matchValue(probe: Probe, candidates: number, walker: Walker): Match | undefined {
  const { userRules } = walker
  for (let i = 0; i < userRules.length; i++) {
    const rule = userRules[i] as Rule
    let verdict: Verdict | undefined
    try {
      verdict = rule.match(probe.value)
    } catch {
      continue // a rule that throws has not matched
    }
    if (verdict) return { rule, verdict, value: probe.value, probe }
  }
  const { families } = walker.dispatch
  // The candidates' bits, lowest (first in order) first.
  for (let mask = candidates; mask !== 0; mask &= mask - 1) {
    const family = families[31 - Math.clz32(mask & -mask)] as Family
    let verdict: Verdict | undefined
    try {
      verdict = family.read(probe)
    } catch {
      continue
    }
    if (verdict) return { rule: family, verdict, value: probe.value, probe }
  }
  return undefined
}

/** The values a value carries (`cause`, `errors`, unwrapped carriers), pushed onto `into`. */
function children(
  probe: Probe,
  candidates: number,
  walker: Walker,
  into: unknown[] | undefined,
): unknown[] | undefined {
  if (!probe.isObject) return into
  let out = into
  const cause = probe.get('cause')
  if (cause !== undefined && cause !== null) out = add(out, cause)
  if (probe.get('errors') != null) {
    const members = toArray(probe.at('errors'), MAX_AGGREGATE_MEMBERS)
    if (members) for (const member of members) if (isObjectLike(member)) out = add(out, member)
  }
  const { families, unwrappers } = walker.dispatch
  for (let mask = candidates & unwrappers; mask !== 0; mask &= mask - 1) {
    const unwrap = (families[31 - Math.clz32(mask & -mask)] as Family).unwrapProbe
    if (unwrap === undefined) continue
    try {
      const inner = unwrap(probe)
      if (inner)
        for (const item of inner.slice(0, MAX_AGGREGATE_MEMBERS)) if (item != null) out = add(out, item)
    } catch {
      // an unwrapper that throws adds nothing
    }
  }
  return out
}

/** Appends to a list made only when there is something to walk into. */
function add(list: unknown[] | undefined, item: unknown): unknown[] {
  const out = list ?? []
  out.push(item)
  return out
}
