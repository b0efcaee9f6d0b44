import { family } from '../internal/family.js'
import { readHeader } from '../internal/read-header.js'
import { parseRetryAfter } from '../internal/retry-after.js'
import {
  asErrorStatus,
  codeOf,
  constructorName,
  get,
  getArray,
  getPath,
  getString,
  has,
  isObjectLike,
  lookup,
  messageOf,
  nameOf,
} from '../internal/safe.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { upstreamStatusVerdict } from '../internal/upstream-status.js'
import { BAD_GATEWAY, CONFLICT, TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/** A name safe to put in a rule name (and so to use as an override key). */
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/

/**
 * AWS error names that mean "slow down", whatever their HTTP status (DynamoDB throttles with a 400).
 * smithy-lang/smithy-typescript packages/service-error-classification/src/constants.ts
 * (`THROTTLING_ERROR_CODES`).
 */
const AWS_THROTTLING: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
])

/** AWS error names with an answer of their own; other names go by their HTTP status. */
const AWS_NAMES: Readonly<Record<string, Verdict>> = {
  // `TRANSIENT_ERROR_CODES` of the same file: the service gave up waiting (on us or itself).
  TimeoutError: TIMEOUT,
  RequestTimeout: TIMEOUT,
  RequestTimeoutException: TIMEOUT,
  // Optimistic-concurrency conflicts: the state changed under the request.
  ConditionalCheckFailedException: CONFLICT,
  TransactionConflictException: CONFLICT,
  PreconditionFailed: CONFLICT,
  ConditionalRequestConflict: CONFLICT,
  OperationAborted: CONFLICT,
  ServiceUnavailable: UNAVAILABLE,
  ServiceUnavailableException: UNAVAILABLE,
}

/**
 * Reasons of a DynamoDB `TransactionCanceledException` (`CancellationReasons[].Code`): a failed
 * condition or a concurrent transaction is a conflict; throttling is a retry; anything else
 * (`ValidationError`, `ItemCollectionSizeLimitExceeded`) is our request's fault.
 */
const TRANSACTION_REASONS: Readonly<Record<string, Verdict>> = {
  ConditionalCheckFailed: CONFLICT,
  TransactionConflict: CONFLICT,
  ThrottlingError: UNAVAILABLE,
  ProvisionedThroughputExceeded: UNAVAILABLE,
  RequestLimitExceeded: UNAVAILABLE,
}

/** Stripe error classes with an answer of their own (stripe-node `type`, v1 and v2 names). */
const STRIPE_TYPES: Readonly<Record<string, Verdict>> = {
  // Stripe writes card-error messages for the paying customer ("Your card was declined.").
  StripeCardError: { code: 'PAYMENT_REQUIRED', expose: true, retryable: false },
  StripeRateLimitError: UNAVAILABLE,
  RateLimitError: UNAVAILABLE,
  StripeIdempotencyError: CONFLICT,
  StripeSignatureVerificationError: {
    status: 400,
    message: 'The webhook signature could not be verified.',
    retryable: false,
  },
}

/**
 * Errors of cloud SDKs, which carry the status of *their* API (never passed through):
 * - AWS SDK v3 service exceptions (`$metadata` + `$fault`, smithy-lang/smithy-typescript
 *   packages/smithy-client/src/exceptions.ts), by `name`: throttling 503 (even as HTTP 400),
 *   `RequestTimeout` 504, conditional-check and precondition failures 409, other server faults
 *   502 (503 for `ServiceUnavailable`), and client faults — our credentials, IAM, missing tables
 *   or keys, invalid parameters — 500. The rule is `cloud:aws:<name>`, so an app can override one,
 *   e.g. `{ 'cloud:aws:NoSuchKey': 404 }` where the key came from the client.
 * - Stripe (stripe/stripe-node src/Error.ts: `type` is the class name, `rawType` the API's): a
 *   declined card is 402 with Stripe's message (written for customers), rate limits 503,
 *   idempotency errors 409, connection failures 503 (504 on timeout), 5xx 502, webhook
 *   signature failures 400, and our key or request being wrong 500.
 * - Mailgun (mailgun.js `APIError`, `type: 'MailgunAPIError'`) and Airtable (airtable.js
 *   `AirtableError`, not an `Error`: `error`, `message`, `statusCode`) keep the API's status with
 *   nothing else of the call — no stack (Mailgun empties it, Airtable's is no `Error`), no response,
 *   no request — so nothing but their marker tells them from an app's own status error. Their
 *   status is the upstream's. Mailgun reports a network failure as `status: 400` with the system
 *   code as its message (and axios's text in `details`).
 */
export const cloudRule = family({
  name: 'cloud',
  triggers: {
    keys: ['$fault', '$metadata', 'rawType', 'type'],
    names: ['CredentialsProviderError', 'AirtableError'],
  },
  read(value) {
    const fault = get(value, '$fault')
    if ((fault === 'client' || fault === 'server') && isObjectLike(get(value, '$metadata'))) {
      return awsVerdict(value, fault)
    }
    // The SDK's own request timeout (@smithy/node-http-handler), which the SDK gives `$metadata`.
    if (nameOf(value) === 'TimeoutError' && isObjectLike(get(value, '$metadata'))) {
      return { ...TIMEOUT, rule: 'cloud:aws:TimeoutError' }
    }
    if (nameOf(value) === 'CredentialsProviderError' && has(value, 'tryNextLink')) {
      return { status: 500, rule: 'cloud:aws:CredentialsProviderError' }
    }
    const stripeType = stripeTypeOf(value)
    if (stripeType !== undefined) return stripeVerdict(value, stripeType)
    if (get(value, 'type') === 'MailgunAPIError') return mailgunVerdict(value)
    if (constructorName(value) === 'AirtableError' && nameOf(value) === undefined)
      return airtableVerdict(value)
    return undefined
  },
})

/** mailgun.js `APIError`: the API's status, or a network failure reported as a 400. */
function mailgunVerdict(value: unknown): Verdict {
  const rule = 'cloud:mailgun'
  const status = asErrorStatus(get(value, 'status'))
  const network = status === 400 ? lookup(SYSTEM_CODES, messageOf(value)) : undefined
  if (network !== undefined) {
    // axios's ECONNABORTED is its own timeout ("timeout of 250ms exceeded" in `details`).
    const timedOut = /\btimeout\b/i.test(getString(value, 'details') ?? '')
    return { ...(timedOut ? TIMEOUT : network), rule }
  }
  if (status === undefined) return { ...BAD_GATEWAY, rule }
  return { ...upstreamStatusVerdict(status, undefined, rule), rule }
}

/**
 * airtable.js `AirtableError` (a class of its own, not an `Error`, so it has no `name`): the API's
 * status in `statusCode`; a failure without one (`CONNECTION_ERROR`, `statusCode: null`) is left to
 * the words of its message.
 */
function airtableVerdict(value: unknown): Verdict | undefined {
  const status = asErrorStatus(get(value, 'statusCode'))
  if (status === undefined) return undefined
  return { ...upstreamStatusVerdict(status, undefined, 'cloud:airtable'), rule: 'cloud:airtable' }
}

function awsVerdict(value: unknown, fault: 'client' | 'server'): Verdict {
  const name = nameOf(value)
  const rule = `cloud:aws:${name !== undefined && SAFE_NAME.test(name) ? name : fault}`
  const headers = getPath(value, '$response', 'headers')
  if (name !== undefined && AWS_THROTTLING.has(name)) return withRetryAfter({ ...UNAVAILABLE, rule }, headers)
  const known = lookup(AWS_NAMES, name)
  if (known) return known === UNAVAILABLE ? withRetryAfter({ ...known, rule }, headers) : { ...known, rule }
  if (name === 'TransactionCanceledException') return { ...transactionVerdict(value), rule }
  const status = asErrorStatus(getPath(value, '$metadata', 'httpStatusCode'))
  if (status === undefined) return fault === 'server' ? { code: 'BAD_GATEWAY', rule } : { status: 500, rule }
  return { ...upstreamStatusVerdict(status, headers, rule), rule }
}

function transactionVerdict(value: unknown): Verdict {
  const reasons = getArray(value, 'CancellationReasons', 100) ?? []
  const verdicts = reasons.map((reason) => lookup(TRANSACTION_REASONS, getString(reason, 'Code')))
  if (verdicts.includes(CONFLICT)) return CONFLICT
  if (verdicts.includes(UNAVAILABLE)) return UNAVAILABLE
  return reasons.length === 0 ? CONFLICT : { status: 500 }
}

/** The Stripe error class name (`type`) of a stripe-node error, or `undefined`. */
function stripeTypeOf(value: unknown): string | undefined {
  const type = getString(value, 'type')
  if (type === undefined || !SAFE_NAME.test(type)) return undefined
  // StripeError's constructor always sets these own properties, even when their value is undefined.
  if (!has(value, 'rawType') || !has(value, 'requestId') || !isObjectLike(get(value, 'raw'))) return undefined
  return type
}

function stripeVerdict(value: unknown, type: string): Verdict {
  const rule = `cloud:stripe:${type}`
  const headers = get(value, 'headers')
  const known = lookup(STRIPE_TYPES, type)
  if (known) return known === UNAVAILABLE ? withRetryAfter({ ...known, rule }, headers) : { ...known, rule }
  if (type === 'StripeConnectionError') return { ...stripeConnectionVerdict(value), rule }
  // A 409 `idempotency_error` is built as a StripeAPIError: the API's type says what it is.
  if (getString(value, 'rawType') === 'idempotency_error') return { ...CONFLICT, rule }
  const status = asErrorStatus(get(value, 'statusCode'))
  if (status === undefined) return { status: 500, rule }
  return { ...upstreamStatusVerdict(status, headers, rule), rule }
}

/** StripeConnectionError keeps the network error in `detail`: its system code decides. */
function stripeConnectionVerdict(value: unknown): Verdict {
  const detail = get(value, 'detail')
  const known = lookup(SYSTEM_CODES, codeOf(detail))
  if (known) return known
  if (/timeout/i.test(messageOf(value) ?? '')) return TIMEOUT
  return UNAVAILABLE
}

function withRetryAfter(verdict: Verdict, headers: unknown): Verdict {
  const retryAfter = parseRetryAfter(readHeader(headers, 'retry-after'))
  return retryAfter === undefined ? verdict : { ...verdict, retryAfter }
}
