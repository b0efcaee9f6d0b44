import { family } from '../internal/family.js'
import { codeOf, getString } from '../internal/safe.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { abortedByTimeout } from '../internal/transient.js'
import {
  BAD_GATEWAY,
  NOT_TRANSIENT_GATEWAY,
  nameVerdicts,
  TIMEOUT,
  UNAVAILABLE,
} from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

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
const TIMED_OUT_ABORT: Verdict = Object.freeze({ ...TIMEOUT, rule: 'node-system:ECONNABORTED:timeout' })
const EGRESS_BLOCKED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'node-system:EACCES' })
// Bytes that are not HTTP (see fetch's HTTPParserError): a retryable 502.
const HTTP_PARSER_VERDICT: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'node-system:HPE' })
/**
 * Node's `Error('aborted')` (`ECONNRESET`) of a request our server was reading, made where its
 * HTTP server saw the client's socket close (`abortIncoming` in `node:_http_server`): the client
 * went away (499). The same words of a response our client was reading come from `_http_client`:
 * an upstream that dropped us (502).
 */
const CLIENT_WENT_AWAY: Verdict = Object.freeze({
  code: 'CLIENT_CLOSED_REQUEST',
  retryable: false,
  rule: 'node-system:request-aborted',
})
const INCOMING_ABORTED = /\bat (?:abortIncoming|socketOnClose) \((?:node:)?_http_server\b/

/** Node, Bun and Deno system errors by `code`: `node-system:ECONNREFUSED` etc. */
export const nodeSystemRule = family({
  name: 'node-system',
  triggers: { codes: Object.keys(SYSTEM_CODES), codePatterns: [HTTP_PARSER, TLS_VERIFY] },
  read(value) {
    const code = codeOf(value)
    if (code === undefined) return undefined
    if (Object.hasOwn(SYSTEM_CODES, code)) {
      // EACCES on connect is egress blocked by a firewall or route: the dependency is unreachable.
      if (code === 'EACCES' && getString(value, 'syscall') === 'connect') return EGRESS_BLOCKED
      // ECONNABORTED is a client's own timeout where the error says so (`errno:
      // 'ETIMEDOUT'`, `timeout: <ms>`, "timeout of 250ms exceeded"), and a connection aborted otherwise.
      if (code === 'ECONNABORTED' && abortedByTimeout(value)) return TIMED_OUT_ABORT
      if (code === 'ECONNRESET' && value.message === 'aborted') {
        const stack = value.get('stack')
        if (typeof stack === 'string' && INCOMING_ABORTED.test(stack.slice(0, 600))) return CLIENT_WENT_AWAY
      }
      return NAMED[code]
    }
    if (HTTP_PARSER.test(code)) return HTTP_PARSER_VERDICT
    if (TLS_VERIFY.test(code)) return { ...NOT_TRANSIENT_GATEWAY, rule: `node-system:${code}` }
    return undefined
  },
})
