import {
  CODE_PATTERN,
  CODES,
  codeForStatus,
  isPublicCode,
  messageForStatus,
  titleForStatus,
} from '../codes.js'
import type { ValidationIssue, Verdict } from '../types.js'
import { type Fields, Made } from './classification.js'
import { pickErrorHeaders } from './headers.js'
import { toRetryAfterSeconds } from './retry-after.js'
import { asErrorStatus, get, messageOf, toArray } from './safe.js'
import { DEFAULT_MAX_TEXT, sanitizeText } from './text.js'

/** A status change requested by `createClassifier({ overrides })`. */
export interface ResolvedOverride {
  readonly status: number
  readonly code?: string
}

/** Looks up the override for a rule name (`node-system:ENOENT`, then `node-system`) or a code. */
export type OverrideLookup = (rule: string, family: string, code: string) => ResolvedOverride | undefined

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504])
const MAX_DETAILS = 100
/**
 * The characters all details may hold together (paths, messages and codes): with JSON's escapes
 * and UTF-8 at most 3 bytes each, the body stays under 128 kB whatever the issues.
 */
const MAX_DETAILS_TEXT = 32_000

/** The verdict for a value nothing recognised: 500. */
export const FALLBACK: Verdict = Object.freeze({ status: 500, rule: 'fallback' })

/** Builds classifications. */
export type Builder = (verdict: Verdict, family: string, value: unknown, reader?: unknown) => Made

/** How many templates a classifier keeps for verdicts built per call (one per rule and answer). */
const MAX_TEMPLATES = 512

/**
 * A verdict's fields, each read once, in one fixed shape: verdicts come in many shapes (one per
 * family and answer), so reading the same field of each again and again is a slow lookup every time.
 */
interface VerdictFields {
  readonly status: unknown
  readonly code: unknown
  readonly rule: unknown
  readonly message: unknown
  readonly expose: unknown
  readonly retryable: unknown
  readonly retryAfter: unknown
  readonly headers: unknown
  readonly details: unknown
  readonly weak: unknown
}

function fieldsOf(verdict: Verdict): VerdictFields {
  const { status, code, rule, message, expose, retryable, retryAfter, headers, details, weak } = verdict
  return { status, code, rule, message, expose, retryable, retryAfter, headers, details, weak }
}

/** A template made for a verdict built per call, with what that verdict said. */
interface Template {
  readonly family: string
  readonly status: unknown
  readonly code: unknown
  readonly message: unknown
  readonly retryable: unknown
  readonly weak: unknown
  readonly exposes: boolean
  readonly made: Made
}

/** What a verdict that exposes its error's message reads it through when its template is made. */
const NO_MESSAGE = Object.freeze({})

/**
 * A builder that makes the classification of a verdict without headers or a delay only once, and
 * then answers a copy of that template with the value as its `cause`, the value's own message
 * (cleaned) where the verdict exposes it, and the verdict's details (cleaned) where it has any. A
 * frozen verdict (built once by its family) is known by identity; one a family builds per call
 * (`{ ...UNIQUE, rule: 'postgres:23505' }`) by what it says, in a bounded table keyed by its rule
 * name, so no key is made per call.
 */
export function createBuilder(override: OverrideLookup | undefined): Builder {
  const templates = new WeakMap<Verdict, { readonly family: string; readonly template: Made }>()
  const byRule = new Map<string, Template[]>()
  let count = 0
  return (verdict, family, value, reader) => {
    const known = templates.get(verdict)
    if (known !== undefined && known.family === family) return new Made(known.template, value)
    const fields = fieldsOf(verdict)
    if (!takesNoHeaders(fields)) return buildFrom(fields, family, value, override, reader)
    const exposes = fields.expose === true
    if (!exposes && fields.details === undefined && Object.isFrozen(verdict)) {
      const made = buildFrom(fields, family, undefined, override)
      templates.set(verdict, { family, template: made })
      return new Made(made, value)
    }
    const { status, code, rule, message, retryable, weak } = fields
    if (!isPlain(fields)) return buildFrom(fields, family, value, override, reader)
    const name = typeof rule === 'string' && rule !== '' ? rule : family
    let list = byRule.get(name)
    let made = list?.find(
      (t) =>
        t.family === family &&
        t.status === status &&
        t.code === code &&
        t.message === message &&
        t.retryable === retryable &&
        t.weak === weak &&
        t.exposes === exposes,
    )?.made
    if (made === undefined) {
      made = buildFrom(withoutDetails(fields), family, undefined, override, NO_MESSAGE)
      if (count < MAX_TEMPLATES) {
        count++
        if (list === undefined) {
          list = []
          byRule.set(name, list)
        }
        list.push({ family, status, code, message, retryable, weak, exposes, made })
      }
    }
    if (made.status >= 500) return new Made(made, value)
    const details = fields.details === undefined ? undefined : cleanDetails(fields.details)
    if (!exposes) return new Made(made, value, undefined, details)
    const own = messageOf(reader === undefined ? value : reader)
    const text = own === undefined ? '' : sanitizeText(own, DEFAULT_MAX_TEXT)
    return new Made(made, value, text === '' ? undefined : text, details)
  }
}

/** The same fields without details (a template's), as one literal. */
function withoutDetails(verdict: VerdictFields): VerdictFields {
  const { status, code, rule, message, expose, retryable, retryAfter, headers, weak } = verdict
  return { status, code, rule, message, expose, retryable, retryAfter, headers, details: undefined, weak }
}

/** Whether a verdict's fields are plain enough to be told apart by identity (short strings, numbers). */
function isPlain(verdict: VerdictFields): boolean {
  const { status, code, rule, message } = verdict
  return (
    (status === undefined || typeof status === 'number') &&
    (code === undefined || typeof code === 'string') &&
    (rule === undefined || (typeof rule === 'string' && rule.length <= 128)) &&
    (message === undefined || (typeof message === 'string' && message.length <= 256))
  )
}

function takesNoHeaders(verdict: VerdictFields): boolean {
  return verdict.headers === undefined && verdict.retryAfter === undefined
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
): Made {
  return buildFrom(fieldsOf(verdict), family, value, override, reader)
}

function buildFrom(
  verdict: VerdictFields,
  family: string,
  value: unknown,
  override: OverrideLookup | undefined,
  reader: unknown = value,
): Made {
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

  const retryAfterOwn = toRetryAfterSeconds(verdict.retryAfter)
  let headers: Readonly<Record<string, string>> = NO_HEADERS
  if (verdict.headers !== undefined || retryAfterOwn !== undefined) {
    const picked = pickErrorHeaders(verdict.headers, status)
    const retryAfter = retryAfterOwn ?? parseSeconds(picked['retry-after'])
    if (retryAfter !== undefined) picked['retry-after'] = String(retryAfter)
    headers = Object.freeze(picked)
  }
  const retryAfter = retryAfterOwn ?? parseSeconds(headers['retry-after'])
  const retryable =
    typeof verdict.retryable === 'boolean' ? verdict.retryable : RETRYABLE_STATUSES.has(status)
  const details = isServerError ? undefined : cleanDetails(verdict.details)

  const fields: { -readonly [K in keyof Fields]: Fields[K] } = {
    status,
    code,
    title: titleForStatus(status),
    message,
    expose,
    retryable,
    headers,
    rule,
  }
  if (retryAfter !== undefined) fields.retryAfter = retryAfter
  if (details) fields.details = details
  return new Made(fields, value)
}

/** The headers of a classification that takes none from its error: one frozen object for all. */
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({})

const RULE_NAME = /^[\w.:@/-]{1,128}$/

/**
 * A classification from elsewhere (an app's classifier, a copy), read once, field by field, and
 * rebuilt like a verdict; `undefined` if it is none.
 */
export function adoptClassification(c: unknown): Made | undefined {
  const status = asErrorStatus(get(c, 'status'))
  const code = get(c, 'code')
  if (status === undefined || typeof code !== 'string' || !CODE_PATTERN.test(code)) return undefined
  const message = get(c, 'message')
  const rule = get(c, 'rule')
  const retryable = get(c, 'retryable')
  const retryAfter = get(c, 'retryAfter')
  const verdict = {
    status,
    code,
    rule: typeof rule === 'string' && RULE_NAME.test(rule) ? rule : 'custom',
    expose: get(c, 'expose') === true,
    headers: get(c, 'headers') as never,
    details: get(c, 'details') as never,
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof retryable === 'boolean' ? { retryable } : {}),
    ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
  }
  try {
    return buildClassification(verdict, 'custom', get(c, 'cause'), undefined, { message })
  } catch {
    return undefined
  }
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

/**
 * Safe copies of at most 100 issues, frozen, within a budget of characters; an issue that cannot be
 * read (a getter or a trap that throws) is dropped, the others stand.
 */
function cleanDetails(details: unknown): readonly ValidationIssue[] | undefined {
  const issues = toArray(details, MAX_DETAILS)
  if (issues === undefined) return undefined
  const out: ValidationIssue[] = []
  let budget = MAX_DETAILS_TEXT
  for (const issue of issues) {
    const clean = cleanIssue(issue)
    if (clean === undefined) continue
    budget -= clean.path.length + clean.message.length + clean.code.length
    if (budget < 0) break
    out.push(clean)
  }
  return out.length > 0 ? Object.freeze(out) : undefined
}

function cleanIssue(issue: unknown): ValidationIssue | undefined {
  if (issue === null || typeof issue !== 'object') return undefined
  let path: unknown
  let message: unknown
  let code: unknown
  try {
    const { path: p, message: m, code: c } = issue as Record<string, unknown>
    path = p
    message = m
    code = c
  } catch {
    return undefined
  }
  return Object.freeze({
    path: typeof path === 'string' ? sanitizeText(path, 256) : '',
    message: typeof message === 'string' ? sanitizeText(message, 512) : 'Invalid value',
    code: typeof code === 'string' ? sanitizeText(code, 64) : 'invalid',
  })
}
