import { CODE_PATTERN } from './codes.js'
import { buildDispatch } from './engine/dispatch.js'
import { findMatch, type Walker } from './engine/walk.js'
import { createBuilder, FALLBACK, type ResolvedOverride } from './internal/build.js'
import { describeValue } from './internal/describe.js'
import { type Family, isFamily } from './internal/family.js'
import { checkOptionNames } from './internal/options.js'
import { SYSTEM_CODES } from './internal/system-codes.js'
import type { Classification, Rule, Verdict } from './types.js'

/** A user rule may also be a plain function; its name is the function's name. */
export type RuleFunction = (error: unknown) => Verdict | undefined

/** A status override: a status, or a status and a public code. */
export type Override = number | { readonly status: number; readonly code?: string }

/** Options of `createClassifier`. */
export interface ClassifierOptions {
  /** Rules that run before the built-in ones, in order: they win. @default [] */
  readonly rules?: readonly (Rule | RuleFunction)[]
  /**
   * Status changes by rule name (`node-system:ENOENT`, `validation:zod`, or a whole family such as `validation`) or by code
   * (`VALIDATION_FAILED`). A rule name wins over its family, a family over a code.
   * @default {}
   * @example { VALIDATION_FAILED: 400, 'node-system:ENOENT': 404 }
   */
  readonly overrides?: Readonly<Record<string, Override>>
  /** Whether the built-in rules run after the user's. @default true */
  readonly defaultRules?: boolean
}

/** The names of `ClassifierOptions`. */
const CLASSIFIER_OPTIONS = [
  'rules',
  'overrides',
  'defaultRules',
] as const satisfies readonly (keyof ClassifierOptions)[]

/** A classifier: a pure, total function from any thrown value to its classification. */
export type Classify = (error: unknown) => Classification

/**
 * The classifier engine: a `classify` over `defaults` (the built-in families, which `classify.ts`
 * binds; this file imports no rule) with the user's rules first and status overrides. Options are
 * checked here, so a mistake fails at start-up, never at request time.
 */
export function createClassifierWith(defaults: readonly Rule[], options: ClassifierOptions = {}): Classify {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('http-triage: createClassifier options must be an object')
  }
  checkOptionNames(options, CLASSIFIER_OPTIONS, 'createClassifier()')
  const userRules = normaliseRules(options.rules)
  if (options.defaultRules !== undefined && typeof options.defaultRules !== 'boolean') {
    throw new TypeError('http-triage: `defaultRules` must be a boolean')
  }
  const families: readonly Family[] = options.defaultRules === false ? [] : defaults.filter(isFamily)
  const walker: Walker = { userRules: Object.freeze(userRules), dispatch: buildDispatch(families) }
  const overrides = normaliseOverrides(options.overrides, [...userRules, ...families])
  const lookup =
    overrides.size === 0
      ? undefined
      : (rule: string, family: string, code: string) =>
          overrides.get(rule) ??
          overrideOfPrefix(overrides, rule) ??
          overrides.get(family) ??
          overrides.get(code)

  const build = createBuilder(lookup)

  const classify = function classify(error: unknown): Classification {
    try {
      const match = findMatch(error, walker)
      return match
        ? build(match.verdict, match.rule.name, match.value, match.probe)
        : build(FALLBACK, 'fallback', error)
    } catch {
      // A verdict too hostile to build from (it cannot happen with the built-in rules).
      return build(FALLBACK, 'fallback', error)
    }
  }
  return classify
}

function normaliseRules(rules: ClassifierOptions['rules']): Rule[] {
  if (rules === undefined) return []
  if (!Array.isArray(rules)) throw new TypeError('http-triage: `rules` must be an array of rules')
  return rules.map((rule, index): Rule => {
    if (typeof rule === 'function') {
      const name = rule.name || `user-rule-${index}`
      return { name, match: guardVerdict(rule) }
    }
    if (rule === null || typeof rule !== 'object' || typeof rule.match !== 'function') {
      throw new TypeError(`http-triage: rules[${index}] must be a function or { name, match(error) }`)
    }
    if (typeof rule.name !== 'string' || rule.name.length === 0) {
      throw new TypeError(`http-triage: rules[${index}] needs a non-empty name`)
    }
    if (rule.unwrap !== undefined && typeof rule.unwrap !== 'function') {
      throw new TypeError(`http-triage: rules[${index}].unwrap must be a function`)
    }
    const match = guardVerdict(rule.match)
    return rule.unwrap ? { name: rule.name, match, unwrap: rule.unwrap } : { name: rule.name, match }
  })
}

/** A user rule's answer counts only if it is an object; anything else did not match. */
function guardVerdict(match: (error: unknown) => Verdict | undefined): Rule['match'] {
  return (error) => {
    const verdict = match(error)
    return verdict !== null && typeof verdict === 'object' ? verdict : undefined
  }
}

function normaliseOverrides(overrides: ClassifierOptions['overrides'], rules: readonly Rule[]) {
  const out = new Map<string, ResolvedOverride>()
  if (overrides === undefined) return out
  if (overrides === null || typeof overrides !== 'object') {
    throw new TypeError('http-triage: `overrides` must be an object of { ruleOrCode: status }')
  }
  const families = ruleNames(rules)
  for (const [key, value] of Object.entries(overrides)) {
    const family = key.split(':')[0] as string
    if (!CODE_PATTERN.test(key) && !families.has(family)) {
      throw new TypeError(
        `http-triage: override "${key}" names neither a code (SCREAMING_SNAKE) nor a rule (${[...families].join(', ')})`,
      )
    }
    if (Object.hasOwn(SYSTEM_CODES, key)) {
      throw new TypeError(`http-triage: override "${key}" is a system error code; write "node-system:${key}"`)
    }
    const status =
      value !== null && typeof value === 'object' ? (value as { status?: unknown }).status : value
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      const hint =
        typeof status === 'string' && /^\d{3}$/.test(status)
          ? ` (write the number ${status}, not a string)`
          : ''
      throw new RangeError(
        `http-triage: override "${key}" must give a status in 400–599 or { status, code }, got ${describeValue(status)}${hint}`,
      )
    }
    const code = typeof value === 'object' ? value.code : undefined
    if (code !== undefined && (typeof code !== 'string' || !CODE_PATTERN.test(code))) {
      throw new TypeError(
        `http-triage: override "${key}" has an invalid code ${describeValue(code)}; use SCREAMING_SNAKE, e.g. 'EMAIL_TAKEN'`,
      )
    }
    out.set(key, code === undefined ? { status } : { status, code })
  }
  return out
}

/**
 * The families a classifier can answer for: every rule name starts with its rule's name (a family
 * names its results `family:…`), so an override key is valid when its first segment is one.
 */
function ruleNames(rules: readonly Rule[]): Set<string> {
  const names = new Set(['fallback'])
  for (const rule of rules) names.add(rule.name.split(':')[0] as string)
  return names
}

/** The override of the longest prefix of a rule name: `upstream:axios` for `upstream:axios:4xx`. */
function overrideOfPrefix(
  overrides: ReadonlyMap<string, ResolvedOverride>,
  rule: string,
): ResolvedOverride | undefined {
  for (let end = rule.lastIndexOf(':'); end > 0; end = rule.lastIndexOf(':', end - 1)) {
    const found = overrides.get(rule.slice(0, end))
    if (found) return found
  }
  return undefined
}
