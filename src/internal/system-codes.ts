import type { Verdict } from '../types.js'
import { BAD_GATEWAY, NOT_TRANSIENT_GATEWAY, SERVER_BUG, TIMEOUT, UNAVAILABLE } from './verdicts.js'

/**
 * System error codes (libuv, c-ares, TLS), as Node, Bun and Deno 2 set them in `code`, and as
 * axios, got and database drivers copy them from their cause. The answer is about a dependency our
 * server called: refused or unreachable is 503, dropped mid-exchange is 502, no answer in time is
 * 504. Errors of our own filesystem or process (ENOENT, EACCES, ENOSPC …) are server bugs: 500,
 * never 404 or 403.
 */
export const SYSTEM_CODES: Readonly<Record<string, Verdict>> = {
  ECONNREFUSED: UNAVAILABLE,
  EHOSTUNREACH: UNAVAILABLE,
  ENETUNREACH: UNAVAILABLE,
  EHOSTDOWN: UNAVAILABLE,
  ENETDOWN: UNAVAILABLE,
  EAI_AGAIN: UNAVAILABLE,
  ESERVFAIL: UNAVAILABLE,
  EREFUSED: UNAVAILABLE,
  EMFILE: UNAVAILABLE,
  ENFILE: UNAVAILABLE,
  // A host name the resolver did not find: a typo stays one, but a service not yet registered or a
  // resolver that lost its records comes back, and clients retry it (got, undici's RetryAgent).
  ENOTFOUND: BAD_GATEWAY,
  EAI_NONAME: BAD_GATEWAY,
  EAI_NODATA: BAD_GATEWAY,
  ECONNRESET: BAD_GATEWAY,
  EPIPE: BAD_GATEWAY,
  ECONNABORTED: BAD_GATEWAY,
  EPROTO: NOT_TRANSIENT_GATEWAY,
  ETIMEDOUT: TIMEOUT,
  ETIMEOUT: TIMEOUT,
  ESOCKETTIMEDOUT: TIMEOUT,
  // TLS: the upstream's certificate or protocol is wrong; retrying will not fix it.
  DEPTH_ZERO_SELF_SIGNED_CERT: NOT_TRANSIENT_GATEWAY,
  SELF_SIGNED_CERT_IN_CHAIN: NOT_TRANSIENT_GATEWAY,
  CERT_HAS_EXPIRED: NOT_TRANSIENT_GATEWAY,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: NOT_TRANSIENT_GATEWAY,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: NOT_TRANSIENT_GATEWAY,
  ERR_TLS_CERT_ALTNAME_INVALID: NOT_TRANSIENT_GATEWAY,
  // Our own process and filesystem.
  ENOENT: SERVER_BUG,
  EACCES: SERVER_BUG,
  EPERM: SERVER_BUG,
  EISDIR: SERVER_BUG,
  ENOTDIR: SERVER_BUG,
  EEXIST: SERVER_BUG,
  ENOTEMPTY: SERVER_BUG,
  ENOSPC: SERVER_BUG,
  EROFS: SERVER_BUG,
  EADDRINUSE: SERVER_BUG,
  EADDRNOTAVAIL: SERVER_BUG,
  // Node programmer errors that sound like HTTP answers but are bugs (501 is for HTTP features).
  ERR_METHOD_NOT_IMPLEMENTED: SERVER_BUG,
}

/**
 * Whether a system code names a transient failure (refused, reset, unreachable, timed out, a host
 * name not found or a DNS server that did not answer), as the classifier answers `retryable` for
 * it; `undefined` for a code the table does not know. A bad certificate, a protocol the upstream
 * does not speak and our own filesystem's errors are not transient. (Every verdict of the table
 * with a code is a 502, 503 or 504, retryable unless it says otherwise; a bare status is our own
 * 500.)
 */
export function isTransientSystemCode(code: string): boolean | undefined {
  if (!Object.hasOwn(SYSTEM_CODES, code)) return undefined
  const verdict = SYSTEM_CODES[code] as Verdict
  return verdict.retryable ?? verdict.code !== undefined
}
