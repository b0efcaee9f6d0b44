import {
  CODE_PATTERN,
  CODES,
  codeForStatus,
  isPublicCode,
  messageForStatus,
  titleForStatus,
} from '../codes.js'
import type { Classification, ValidationIssue, Verdict } from '../types.js'
import { pickErrorHeaders } from './headers.js'
import { toRetryAfterSeconds } from './retry-after.js'
import { asErrorStatus, messageOf } from './safe.js'
import { DEFAULT_MAX_TEXT, sanitizeText } from './text.js'

/** A status change requested by `createClassifier({ overrides })`. */
export interface ResolvedOverride {
  readonly status: number
  readonly code?: string
}

/** Looks up the override for a rule name (`node-system:ENOENT`, then `node-system`) or a code. */
export type OverrideLookup = (rule: string, family: string, code: string) => ResolvedOverride | undefined

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504])
const ONLY_RETRY_AFTER: ReadonlySet<string> = new Set(['retry-after'])
const MAX_DETAILS = 100

/** The verdict for a value nothing recognised: 500. */
export const FALLBACK: Verdict = Object.freeze({ status: 500, rule: 'fallback' })

/** Builds classifications; `mark` is added to each (the classifier's brand). */
export type Builder = (verdict: Verdict, family: string, value: unknown, reader?: unknown) => Classification

/** How many templates a classifier keeps for verdicts built per call (one per rule and answer). */
const MAX_TEMPLATES = 512

/**
 * A builder that makes the classification of a verdict that takes nothing from the value (no
 * exposed message, headers, details or delay) only once, and then answers a copy of that template
 * with the value as its `cause`. A frozen verdict (built once by its family) is known by identity;
 * one a family builds per call (`{ ...UNIQUE, rule: 'postgres:23505' }`) by what it says, in a
 * bounded table.
 */
export function createBuilder(override: OverrideLookup | undefined, mark: symbol): Builder {
  const templates = new WeakMap<Verdict, { readonly family: string; readonly template: Classification }>()
  const byContent = new Map<string, Classification>()
  const build = (verdict: Verdict, family: string, value: unknown, reader?: unknown): Classification => {
    const classification = buildClassification(verdict, family, value, override, reader)
    ;(classification as unknown as Record<symbol, boolean>)[mark] = true
    return classification
  }
  const template = (verdict: Verdict, family: string): Classification => {
    const built = build(verdict, family, undefined)
    Object.freeze(built.headers)
    return built
  }
  return (verdict, family, value, reader) => {
    const known = templates.get(verdict)
    if (known !== undefined && known.family === family) return { ...known.template, cause: value }
    if (!takesNothing(verdict)) return build(verdict, family, value, reader)
    if (Object.isFrozen(verdict)) {
      const made = template(verdict, family)
      templates.set(verdict, { family, template: made })
      return { ...made, cause: value }
    }
    const key = contentKey(verdict, family)
    if (key === undefined) return build(verdict, family, value, reader)
    let made = byContent.get(key)
    if (made === undefined) {
      made = template(verdict, family)
      if (byContent.size < MAX_TEMPLATES) byContent.set(key, made)
    }
    return { ...made, cause: value }
  }
}

/** What a verdict that takes nothing from the value says, as a key; `undefined` if it is not plain. */
function contentKey(verdict: Verdict, family: string): string | undefined {
  const { status, code, rule, message, retryable, weak } = verdict
  if (
    (status !== undefined && typeof status !== 'number') ||
    (code !== undefined && typeof code !== 'string') ||
    (rule !== undefined && typeof rule !== 'string') ||
    (message !== undefined && typeof message !== 'string') ||
    (message !== undefined && message.length > 256) ||
    (rule !== undefined && rule.length > 128)
  ) {
    return undefined
  }
  return `${family}\u0000${rule ?? ''}\u0000${status ?? ''}\u0000${code ?? ''}\u0000${retryable ?? ''}\u0000${weak ?? ''}\u0000${message ?? ''}`
}

function takesNothing(verdict: Verdict): boolean {
  return (
    verdict.expose !== true &&
    verdict.headers === undefined &&
    verdict.details === undefined &&
    verdict.retryAfter === undefined
  )
}

/**
 * Turns a rule's verdict into a full classification: resolves the status (overrides first), the
 * code (a 5xx names only its status class), the safe message, retry hints and headers.
 */
export function buildClassification(
  verdict: Verdict,
  family: string,
  value: unknown,
  override?: OverrideLookup,
  /** What the value's message is read through (its probe, which has read it already). */
  reader: unknown = value,
): Classification {
  const rule = typeof verdict.rule === 'string' && verdict.rule ? verdict.rule : family
  const ownStatus =
    asErrorStatus(verdict.status) ??
    (typeof verdict.code === 'string' && isPublicCode(verdict.code) ? CODES[verdict.code].status : 500)
  const ownCode = clientCode(verdict.code, ownStatus)
  const changed = override?.(rule, family, ownCode ?? codeForStatus(ownStatus))
  const status = changed?.status ?? ownStatus
  const isServerError = status >= 500
  const code = isServerError
    ? codeForStatus(status)
    : (clientCode(changed?.code, status) ?? clientCode(ownCode, status) ?? codeForStatus(status))

  let expose = !isServerError && verdict.expose === true
  let message = ''
  if (expose) {
    const own = messageOf(reader)
    message = own === undefined ? '' : sanitizeText(own, DEFAULT_MAX_TEXT)
    if (!message) expose = false
  }
  if (!expose) {
    const ruleMessage = changed ? undefined : verdict.message
    message =
      typeof ruleMessage === 'string' && ruleMessage && !isServerError
        ? sanitizeText(ruleMessage, DEFAULT_MAX_TEXT)
        : isPublicCode(code)
          ? CODES[code].message
          : messageForStatus(status)
  }

  const headers = pickErrorHeaders(verdict.headers, isServerError ? ONLY_RETRY_AFTER : undefined)
  const retryAfter = toRetryAfterSeconds(verdict.retryAfter) ?? parseSeconds(headers['retry-after'])
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
  const retryable =
    typeof verdict.retryable === 'boolean' ? verdict.retryable : RETRYABLE_STATUSES.has(status)
  const details = isServerError ? undefined : cleanDetails(verdict.details)

  const classification: {
    -readonly [K in keyof Classification]: Classification[K]
  } = {
    status,
    code,
    title: titleForStatus(status),
    message,
    expose,
    retryable,
    headers,
    rule,
    cause: value,
  }
  if (retryAfter !== undefined) classification.retryAfter = retryAfter
  if (details) classification.details = details
  return classification
}

/** A code a 4xx may carry: SCREAMING_SNAKE and not the code of a server error. */
function clientCode(code: unknown, status: number): string | undefined {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code) || status >= 500) return undefined
  if (isPublicCode(code) && CODES[code].status >= 500) return undefined
  return code
}

function parseSeconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? toRetryAfterSeconds(Number(text)) : undefined
}

function cleanDetails(details: readonly ValidationIssue[] | undefined): ValidationIssue[] | undefined {
  if (!Array.isArray(details) || details.length === 0) return undefined
  const out: ValidationIssue[] = []
  for (const issue of details.slice(0, MAX_DETAILS)) {
    if (!issue || typeof issue !== 'object') continue
    out.push({
      path: typeof issue.path === 'string' ? sanitizeText(issue.path, 256) : '',
      message: typeof issue.message === 'string' ? sanitizeText(issue.message, 512) : 'Invalid value',
      code: typeof issue.code === 'string' ? sanitizeText(issue.code, 64) : 'invalid',
    })
  }
  return out.length > 0 ? out : undefined
}
