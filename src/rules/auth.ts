import { family } from '../internal/family.js'
import { messageWordsOf, VERIFIER } from '../internal/message-words.js'
import { endsAsClass, nameWords } from '../internal/name-words.js'
import type { Probe } from '../internal/probe.js'
import { codeOf, getString, lookup, messageOf, nameOf } from '../internal/safe.js'
import { isProgrammerError } from '../internal/transient.js'
import { SERVER_BUG } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

// RFC 6750 §3.1: `invalid_token` for an expired, revoked, malformed or otherwise invalid token;
// no error code at all when the request carried no token.
const INVALID_TOKEN: Verdict = Object.freeze({
  code: 'UNAUTHORIZED',
  message: 'The access token is invalid.',
  retryable: false,
  headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
})
const EXPIRED_TOKEN: Verdict = Object.freeze({
  code: 'UNAUTHORIZED',
  message: 'The access token has expired.',
  retryable: false,
  headers: {
    'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
  },
})
const NOT_YET_VALID_TOKEN: Verdict = Object.freeze({
  ...INVALID_TOKEN,
  message: 'The access token is not valid yet.',
})
const MISSING_TOKEN: Verdict = Object.freeze({
  code: 'UNAUTHORIZED',
  message: 'An access token is required.',
  retryable: false,
  headers: { 'www-authenticate': 'Bearer' },
})
const MISCONFIGURED = SERVER_BUG
// A signed request (a webhook delivery, an HTTP message signature) whose signature does not verify:
// the request's credentials are bad; no token scheme to name in a challenge.
const BAD_SIGNATURE: Verdict = Object.freeze({
  code: 'UNAUTHORIZED',
  message: 'The request signature is invalid.',
  retryable: false,
  rule: 'auth:signature-invalid',
})

/**
 * A token library's code that says the token is bad (`JWT_INVALID_SIGNATURE`,
 * `ERR_TOKEN_INVALID`, `TOKEN_EXPIRED`, `ERR_PASETO_CLAIM_INVALID`, a one-time code's
 * `TokenFormatError` …): a token-family word (a token format: JWT, JWS, JWE, JOSE, PASETO) and a
 * verdict word.
 */
const TOKEN_CODE = /(?:^|_)(?:JWT|JWS|JWE|JOSE|PASETO|TOKEN)(?:_|$)/
const TOKEN_EXPIRED = /(?:^|_)EXPIRED(?:_|$)/
const TOKEN_FAULT =
  /(?:^|_)(?:INVALID|MALFORMED|SIGNATURE|CLAIM|NOT_?BEFORE|INACTIVE|REVOKED|AUDIENCE|ISSUER|DECRYPTION|FORMAT|LENGTH)(?:_|$)/
/** A token format's parse failure (`JwtParseError`): the token is malformed. Not a lexer's `TOKEN`. */
const FORMAT_PARSE = /(?:^|_)(?:JWT|JWS|JWE|PASETO)_PARSE(?:_|$)/
/**
 * A class name that says a signed request's signature failed (`WebhookVerificationError`,
 * `InvalidSignatureError`, or no more than `SignatureError`).
 */
const SIGNED_REQUEST =
  /(?:^|_)(?:(?:WEBHOOK|SIGNATURE)_(?:VERIFICATION|INVALID|MISMATCH)|(?:INVALID|BAD|WRONG)_SIGNATURE)(?:_|$)|^SIGNATURE_(?:ERROR|EXCEPTION)$/
/**
 * A verifier's words, in a message of an error with no code: a signature that does not verify
 * ("Invalid document signature", "signature validation failed", "Signatures not match",
 * `INVALID_SIGNATURE`), a token or an assertion that expired ("Token expired", "SAML assertion
 * expired", "invalid token (expired)"). A verifier checks what a request brought; a dependency
 * that refuses our credentials answers with a status, which the families before this one read.
 */
const SIGNATURE_WORDS =
  /\b(?:invalid|bad|wrong)[ _](?:[a-z]+[ _])?signature\b|\bsignature[ _](?:verification|validation|check)[ _]failed\b|\bsignature (?:is )?(?:invalid|not valid|mismatch)\b|\bsignatures? (?:(?:do|does|did)(?: not|n't) |not )match\b/i
const EXPIRED_WORDS = /\b(?:token|assertion|jwt)s? (?:has |is |was )?\(?expired\b/i
/**
 * …or a token or an assertion made for another audience or by another issuer ("audience claim … does
 * not match expected audience", "SAML assertion audience mismatch", "invalid token (wrong ISS)").
 */
const CLAIM_WORDS =
  /\b(?:audience|issuer)(?: claim)?(?: \S{1,80})? (?:(?:does|did) not match|mismatch(?:ed)?)\b|\b(?:invalid|wrong|unexpected) (?:audience|issuer)\b|\bwrong (?:aud|iss)\b/i
/** A class name of an SDK's or an API client's error (`VendorSdkError`, `SDKError`, `VendorApiError`). */
const SDK_NAME = /(?:^|[a-z])(?:Sdk|SDK|Api|API)(?:Error|Exception)$/
/** …unless the word is about our side: a key, secret, algorithm or option we configured. */
const TOKEN_OURS = /(?:^|_)(?:KEY|SECRET|ALGORITHM|OPTION|OPTIONS)(?:_|$)/

/**
 * jose's errors by `code` (panva/jose src/util/errors.ts). The token's fault is 401; the key set
 * our server fetches from the identity provider is a dependency: too slow is 504, garbage is 502;
 * a key or algorithm our server was configured with is a bug (500).
 */
const JOSE_CODES: Readonly<Record<string, Verdict>> = {
  ERR_JWT_EXPIRED: EXPIRED_TOKEN,
  ERR_JWT_CLAIM_VALIDATION_FAILED: INVALID_TOKEN,
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: INVALID_TOKEN,
  ERR_JWS_INVALID: INVALID_TOKEN,
  ERR_JWT_INVALID: INVALID_TOKEN,
  ERR_JWE_INVALID: INVALID_TOKEN,
  ERR_JWE_DECRYPTION_FAILED: INVALID_TOKEN,
  ERR_JOSE_ALG_NOT_ALLOWED: INVALID_TOKEN,
  // The token names a key (`kid`) that the key set does not hold, or does not single out.
  ERR_JWKS_NO_MATCHING_KEY: INVALID_TOKEN,
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: INVALID_TOKEN,
  ERR_JWKS_TIMEOUT: { code: 'GATEWAY_TIMEOUT', retryable: true },
  ERR_JWKS_INVALID: { code: 'BAD_GATEWAY' },
  ERR_JWK_INVALID: MISCONFIGURED,
  ERR_JOSE_NOT_SUPPORTED: MISCONFIGURED,
  // jose's generic error: the remote key set answered other than 200 OK, or not JSON.
  ERR_JOSE_GENERIC: { code: 'BAD_GATEWAY', retryable: true },
}

/**
 * jsonwebtoken's JsonWebTokenError messages that blame the token (auth0/node-jsonwebtoken
 * verify.js). The class is also thrown for our own misconfiguration ("secret or public key must be
 * provided", "secretOrPublicKey must be an asymmetric key …", a failing key callback): anything
 * not listed here is a 500, so a server bug never logs users out.
 */
const JWT_TOKEN_FAULTS: Readonly<Record<string, Verdict>> = {
  'jwt must be provided': MISSING_TOKEN,
  'jwt malformed': INVALID_TOKEN,
  'invalid token': INVALID_TOKEN,
  'jwt signature is required': INVALID_TOKEN,
  'invalid algorithm': INVALID_TOKEN,
  'invalid signature': INVALID_TOKEN,
  'invalid nbf value': INVALID_TOKEN,
  'invalid exp value': INVALID_TOKEN,
  'iat required when maxAge is specified': INVALID_TOKEN,
}

// "jwt audience invalid. expected: …" and the like: the rest names our configuration, so it is
// matched by its start and never shown.
const JWT_CLAIM_MISMATCH = /^jwt (audience|issuer|subject|jwtid|nonce) invalid\. /

/**
 * Rejected tokens: 401 `UNAUTHORIZED` with `WWW-Authenticate: Bearer error="invalid_token"`
 * (RFC 6750) and a constant message. jsonwebtoken's TokenExpiredError, NotBeforeError and
 * JsonWebTokenError (its misconfiguration messages are 500), and jose's errors by `code`
 * (a JWKS timeout is 504, an invalid JWKS 502, a bad key of ours 500). A JWKS that cannot be
 * fetched at all is a network error, which the fetch and system rules answer (503).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export const authRule = family({
  name: 'auth',
  triggers: {
    names: ['TokenExpiredError', 'NotBeforeError', 'JsonWebTokenError'],
    codes: Object.keys(JOSE_CODES),
    codePatterns: [TOKEN_CODE],
    nameTest: (name) => tokenNameVerdict(name) !== undefined,
    lateAlways: true,
  },
  read(value) {
    const name = nameOf(value)
    if (name === 'TokenExpiredError') return { ...EXPIRED_TOKEN, rule: 'auth:TokenExpiredError' }
    if (name === 'NotBeforeError') return { ...NOT_YET_VALID_TOKEN, rule: 'auth:NotBeforeError' }
    if (name === 'JsonWebTokenError') return jsonWebTokenVerdict(messageOf(value))
    const code = codeOf(value)
    const jose = lookup(JOSE_CODES, code)
    if (!jose) {
      // Read from words, a verdict is weak: an error it wraps that says more (a key service that
      // refused, under a token library's parse error) decides, so that an outage logs nobody out.
      const said =
        (code === undefined ? undefined : tokenCodeVerdict(code)) ??
        tokenNameVerdict(name) ??
        tokenNameVerdict(value.constructorName)
      return said === undefined ? undefined : { ...said, weak: true }
    }
    // jose reports a token used before its `nbf` as a failed claim check on `nbf`.
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && getString(value, 'claim') === 'nbf') {
      return { ...NOT_YET_VALID_TOKEN, rule: `auth:${code}` }
    }
    return { ...jose, rule: `auth:${code}` }
  },
  late: verifierWords,
})

const WEAK_BAD_SIGNATURE: Verdict = Object.freeze({ ...BAD_SIGNATURE, weak: true })
const WEAK_EXPIRED: Verdict = Object.freeze({ ...EXPIRED_TOKEN, rule: 'auth:token-expired', weak: true })
const WEAK_CLAIM_MISMATCH: Verdict = Object.freeze({
  code: 'UNAUTHORIZED',
  message: 'The credentials were not issued for this service.',
  retryable: false,
  rule: 'auth:claim-mismatch',
  weak: true,
})

/**
 * A verifier's rejection in its message's words (weak: a cause that says more decides). Not a
 * programmer error's (a `TypeError` about a signature argument), nor an error with a code, nor an
 * SDK's (`…SdkError`, `…ApiError`: an API client's words are about the credentials our server
 * calls it with).
 */
function verifierWords(value: Probe): Verdict | undefined {
  const message = value.message
  if (message === undefined || value.code !== undefined) return undefined
  // A cheap first look (`signature`, `expired`): neither word, no reading.
  if (isProgrammerError(value.name) || (messageWordsOf(value) & VERIFIER) === 0) return undefined
  if (SDK_NAME.test(value.name ?? '') || SDK_NAME.test(value.constructorName ?? '')) return undefined
  const text = message.length > 256 ? message.slice(0, 256) : message
  if (SIGNATURE_WORDS.test(text)) return WEAK_BAD_SIGNATURE
  if (CLAIM_WORDS.test(text)) return WEAK_CLAIM_MISMATCH
  return EXPIRED_WORDS.test(text) ? WEAK_EXPIRED : undefined
}

function tokenCodeVerdict(code: string): Verdict | undefined {
  if (code.length > 64 || !TOKEN_CODE.test(code) || TOKEN_OURS.test(code)) return undefined
  if (TOKEN_EXPIRED.test(code)) return { ...EXPIRED_TOKEN, rule: 'auth:token-expired' }
  return TOKEN_FAULT.test(code) || FORMAT_PARSE.test(code)
    ? { ...INVALID_TOKEN, rule: 'auth:token-invalid' }
    : undefined
}

/**
 * A class name with the same words as such a code: `InvalidTokenError`, `JwtExpiredError`,
 * `JwtParseError` …, or of a signed request's failed check (`WebhookVerificationError`, 401 without
 * a token challenge). A name without a class's ending is an API's error id (`AccessTokenInvalid`),
 * which an SDK reports about our own token: not read.
 */
function tokenNameVerdict(name: string | undefined): Verdict | undefined {
  const words = nameWords(name)
  if (words === undefined || !endsAsClass(words)) return undefined
  return (
    tokenCodeVerdict(words) ??
    (SIGNED_REQUEST.test(words) && !TOKEN_OURS.test(words) ? BAD_SIGNATURE : undefined)
  )
}

function jsonWebTokenVerdict(message: string | undefined): Verdict {
  const known = lookup(JWT_TOKEN_FAULTS, message)
  if (known) return { ...known, rule: 'auth:JsonWebTokenError' }
  if (message !== undefined && JWT_CLAIM_MISMATCH.test(message))
    return { ...INVALID_TOKEN, rule: 'auth:JsonWebTokenError' }
  return { ...MISCONFIGURED, rule: 'auth:jsonwebtoken-misconfigured' }
}
