import { catalogFromTable, nameVerdicts } from '../internal/catalog.js'
import { family } from '../internal/family.js'
import { codeOf, getString } from '../internal/safe.js'
import { BAD_GATEWAY, NOT_TRANSIENT_GATEWAY, SERVER_BUG, TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

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
  ECONNRESET: BAD_GATEWAY,
  EPIPE: BAD_GATEWAY,
  ECONNABORTED: BAD_GATEWAY,
  EPROTO: NOT_TRANSIENT_GATEWAY,
  ENOTFOUND: NOT_TRANSIENT_GATEWAY,
  EAI_NONAME: NOT_TRANSIENT_GATEWAY,
  EAI_NODATA: NOT_TRANSIENT_GATEWAY,
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

/** Node's HTTP parser codes: an upstream that answered with invalid HTTP. */
const HTTP_PARSER = /^HPE_[A-Z_]+$/

/**
 * The other OpenSSL certificate-verification codes (`CERT_NOT_YET_VALID`, `CERT_REVOKED`,
 * `UNABLE_TO_GET_ISSUER_CERT` …, and Bun's `HOSTNAME_MISMATCH`) and TLS alerts from the peer
 * (`ERR_SSL_WRONG_VERSION_NUMBER`, `ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE`): the upstream's TLS is
 * wrong, and retrying will not fix it.
 */
const TLS_VERIFY =
  /^(CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|HOSTNAME_MISMATCH|ERR_SSL_(WRONG_VERSION_NUMBER|[A-Z0-9]+_ALERT_[A-Z0-9_]+))$/

const NAMED = nameVerdicts(SYSTEM_CODES, (code) => `node-system:${code}`)
const EGRESS_BLOCKED: Verdict = { ...UNAVAILABLE, rule: 'node-system:EACCES' }
const HTTP_PARSER_VERDICT: Verdict = { ...NOT_TRANSIENT_GATEWAY, rule: 'node-system:HPE' }

/** Node, Bun and Deno system errors by `code`: `node-system:ECONNREFUSED` etc. */
export const nodeSystemRule = family({
  name: 'node-system',
  triggers: { codes: Object.keys(SYSTEM_CODES), codePatterns: [HTTP_PARSER, TLS_VERIFY] },
  catalog: [
    ...catalogFromTable(
      SYSTEM_CODES,
      (code) => `system error \`${code}\``,
      (code) => `node-system:${code}`,
    ),
    {
      error: '`EACCES` on `connect` (egress blocked)',
      verdict: { ...UNAVAILABLE, rule: 'node-system:EACCES' },
    },
    {
      error: 'HTTP parser `HPE_*` from an upstream',
      verdict: { ...NOT_TRANSIENT_GATEWAY, rule: 'node-system:HPE' },
    },
    {
      error: 'TLS verification or alert, e.g. `CERT_NOT_YET_VALID`, `ERR_SSL_WRONG_VERSION_NUMBER`',
      verdict: { ...NOT_TRANSIENT_GATEWAY, rule: 'node-system:CERT_NOT_YET_VALID' },
    },
  ],
  read(value) {
    const code = codeOf(value)
    if (code === undefined) return undefined
    if (Object.hasOwn(SYSTEM_CODES, code)) {
      // EACCES on connect is egress blocked by a firewall or route: the dependency is unreachable.
      if (code === 'EACCES' && getString(value, 'syscall') === 'connect') return EGRESS_BLOCKED
      return NAMED[code]
    }
    if (HTTP_PARSER.test(code)) return HTTP_PARSER_VERDICT
    if (TLS_VERIFY.test(code)) return { ...NOT_TRANSIENT_GATEWAY, rule: `node-system:${code}` }
    return undefined
  },
})
