import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { codeOf, lookup, messageOf, nameOf } from '../internal/safe.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { BAD_GATEWAY, NOT_TRANSIENT_GATEWAY, SERVER_BUG, TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/**
 * `Deno.errors.*` by class `name` (denoland/deno runtime/js/01_errors.js; `NotCapable`,
 * `BadResource` and `Interrupted` come from denoland/deno_core core/01_core.js). Deno 2 also sets
 * a Node-style `code` on most of them, and then the node-system rule decides; these answer where
 * there is none (`NotCapable`, DNS `NotFound`, errors of older Deno versions).
 */
const DENO_ERRORS: Readonly<Record<string, Verdict>> = {
  ConnectionRefused: UNAVAILABLE,
  NetworkUnreachable: UNAVAILABLE,
  ConnectionReset: BAD_GATEWAY,
  ConnectionAborted: BAD_GATEWAY,
  NotConnected: BAD_GATEWAY,
  BrokenPipe: BAD_GATEWAY,
  UnexpectedEof: BAD_GATEWAY,
  WriteZero: BAD_GATEWAY,
  TimedOut: TIMEOUT,
  // Contention that a retry fixes (EBUSY, EWOULDBLOCK, EINTR).
  Busy: UNAVAILABLE,
  WouldBlock: UNAVAILABLE,
  Interrupted: UNAVAILABLE,
  // Our own process: a missing file, a sandbox permission (`--allow-*`), a bad resource id, an
  // unsupported operation, our HTTP server's connection. Never 404, 403 or 501.
  NotFound: SERVER_BUG,
  PermissionDenied: SERVER_BUG,
  NotCapable: SERVER_BUG,
  NotSupported: SERVER_BUG,
  AlreadyExists: SERVER_BUG,
  IsADirectory: SERVER_BUG,
  NotADirectory: SERVER_BUG,
  FilesystemLoop: SERVER_BUG,
  AddrInUse: SERVER_BUG,
  AddrNotAvailable: SERVER_BUG,
  BadResource: SERVER_BUG,
  InvalidData: SERVER_BUG,
  Http: SERVER_BUG,
}

// Deno.resolveDns answers NXDOMAIN with a NotFound without a code (hickory-dns: "no record found
// for Query …"); TLS failures of Deno.connectTls are InvalidData ("invalid peer certificate: …").
// Only the resolver's own wording: another library's `NotFound` ("No record found for id 42") is no DNS failure.
const DENO_DNS = /^no records? found for Query \{/
const DENO_TLS = /certificate|tls/i

/**
 * Bun's fetch before it adopted Node's codes put its Zig error name in `code`, with no `cause`
 * (oven-sh/bun src/bun.js/webcore/fetch/FetchTasklet.zig `onReject`): `ConnectionRefused` —
 * "Unable to connect. Is the computer able to access the url?" — also for hosts that do not resolve.
 */
const BUN_CODES: Readonly<Record<string, Verdict>> = {
  ConnectionRefused: UNAVAILABLE,
  FailedToOpenSocket: UNAVAILABLE,
  ConnectionClosed: BAD_GATEWAY,
  // An upstream that answered bytes that are not HTTP (Bun 1.4: "Malformed_HTTP_Response fetching …").
  Malformed_HTTP_Response: BAD_GATEWAY,
  TooManyRedirects: NOT_TRANSIENT_GATEWAY,
  RedirectURLInvalid: NOT_TRANSIENT_GATEWAY,
}

/**
 * The Web platform's `DOMException` of a store that refused a write for a constraint: IndexedDB's
 * `ConstraintError` (a key that exists, a unique index's value taken), as browsers, Workers'
 * storage shims and the libraries over them throw it.
 */
const CONSTRAINT: Verdict = Object.freeze({ ...DB_VERDICTS.unique, rule: 'runtime:web:ConstraintError' })
/**
 * Its `DataError`: a store given a value it cannot take (IndexedDB's key that is no valid key, a
 * value out of a key range's bounds), a malformed value that reached the database (400), as the
 * policy reads PostgreSQL's class 22.
 */
const DATA: Verdict = Object.freeze({ ...DB_VERDICTS.malformed, rule: 'runtime:web:DataError' })

/**
 * Whether a `DataError` is the platform's: a `DOMException` (it has a legacy numeric `code`), or a
 * library's error that keeps one as `inner`, as IndexedDB wrappers do. A class of another library
 * named `DataError` (a JSON file store's "Can't find dataPath") says nothing of a store's keys.
 */
function isPlatforms(value: Probe): boolean {
  return typeof value.get('code') === 'number' || value.at('inner').name === 'DataError'
}

/**
 * Runtime errors that have no Node-style code: Deno's `Deno.errors.*` classes by name (connection
 * refused 503, reset 502, timed out 504, `NotCapable` / `PermissionDenied` / `NotFound` 500),
 * Bun's fetch error codes (`ConnectionRefused` 503 …) and the Web platform's `ConstraintError` (409)
 * and `DataError` (400).
 * Where a Node system code is present, the node-system rule decides instead.
 */
export const runtimeRule = family({
  name: 'runtime',
  triggers: {
    codes: Object.keys(BUN_CODES),
    names: [...Object.keys(DENO_ERRORS), 'ConstraintError', 'DataError'],
  },
  read(value) {
    const code = codeOf(value)
    if (code !== undefined) {
      if (lookup(SYSTEM_CODES, code)) return undefined
      const bun = lookup(BUN_CODES, code)
      if (bun) return { ...bun, rule: `runtime:bun:${code}` }
    }
    const name = nameOf(value)
    if (name === 'ConstraintError') return CONSTRAINT
    if (name === 'DataError') return isPlatforms(value) ? DATA : undefined
    const deno = lookup(DENO_ERRORS, name)
    if (!deno) return undefined
    const rule = `runtime:deno:${name}`
    const message = messageOf(value) ?? ''
    if (name === 'NotFound' && DENO_DNS.test(message)) return { ...BAD_GATEWAY, rule: `${rule}:dns` }
    if (name === 'InvalidData' && DENO_TLS.test(message))
      return { ...NOT_TRANSIENT_GATEWAY, rule: `${rule}:tls` }
    return { ...deno, rule }
  },
})
