import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { readHeader } from '../internal/read-header.js'
import { parseRetryAfter } from '../internal/retry-after.js'
import { isObjectLike } from '../internal/safe.js'
import { isUpstreamHeaders } from '../internal/upstream-status.js'
import { BAD_GATEWAY, TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/**
 * gRPC status codes (grpc/grpc doc/statuscodes.md), as gRPC and Connect clients and servers carry
 * them: a numeric `code` with `metadata`. The code is a table, like SQLSTATE.
 */
const NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const

const CANCELLED: Verdict = Object.freeze({ code: 'CLIENT_CLOSED_REQUEST', retryable: false })
const OURS: Verdict = Object.freeze({ status: 500 })

/**
 * A status an upstream answered our call with: it blames our request or credentials (500), or the
 * upstream (unavailable or exhausted 503, too slow 504, broken 502).
 */
const RECEIVED: Readonly<Record<number, Verdict>> = {
  1: CANCELLED,
  2: BAD_GATEWAY,
  3: OURS,
  4: TIMEOUT,
  5: OURS,
  6: OURS,
  7: OURS,
  8: UNAVAILABLE,
  9: OURS,
  10: UNAVAILABLE,
  11: OURS,
  12: OURS,
  13: BAD_GATEWAY,
  14: UNAVAILABLE,
  15: BAD_GATEWAY,
  16: OURS,
}

/** A status our own handler raised, by the HTTP mapping of Connect's protocol (connectrpc.com/docs/protocol). */
const RAISED: Readonly<Record<number, Verdict>> = {
  1: CANCELLED,
  2: { status: 500 },
  3: { status: 400, expose: true },
  4: TIMEOUT,
  5: { status: 404, expose: true },
  6: { status: 409, expose: true },
  7: { status: 403, expose: true },
  8: { status: 429, expose: true },
  9: { status: 400, expose: true },
  10: { status: 409, expose: true },
  11: { status: 400, expose: true },
  12: { status: 501, expose: true },
  13: { status: 500 },
  14: UNAVAILABLE,
  15: { status: 500 },
  16: { status: 401, expose: true },
}

/** The words a gRPC client's error begins with for a status it received: `4 DEADLINE_EXCEEDED: `. */
const SAID = NAMES.map((name, code) => `${code} ${name}: `)

/**
 * A status received over gRPC that a client's wrapper kept only in the words of the client's
 * error (`GRPCDeadlineExceededError: 4 DEADLINE_EXCEEDED: Deadline exceeded …`, no numeric code):
 * the upstream policy, as for the client's own error. A status our handler raised has the code.
 */
function saidStatus(value: Probe): Verdict | undefined {
  const message = value.message
  if (message === undefined || value.get('code') !== undefined) return undefined
  for (let code = 1; code < SAID.length; code++) {
    if (message.startsWith(SAID[code] as string)) {
      return { ...(RECEIVED[code] as Verdict), rule: `rpc:received:${NAMES[code]}` }
    }
  }
  return undefined
}

/**
 * A JSON-RPC 2.0 error object's code (jsonrpc.org/specification#error_object), as a client keeps
 * it from the answer of a peer our server called: the peer's internal error (-32603) or one of
 * its implementation-defined server errors (-32000 to -32099) is that peer's failure (502), but
 * -32005, which the node API of EIP-1474 names "Limit exceeded", is its quota used up (503); a
 * request it could not parse or take (-32700, -32600 to -32602) is our call's fault (500).
 */
function jsonRpcVerdict(code: number): Verdict | undefined {
  if (code === -32005) return JSON_RPC_LIMITED
  if (code === -32603 || (code >= -32099 && code <= -32000)) return JSON_RPC_PEER_FAILED
  return code === -32700 || (code >= -32602 && code <= -32600) ? JSON_RPC_OUR_CALL : undefined
}
const JSON_RPC_PEER_FAILED: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'rpc:json-rpc:server-error' })
const JSON_RPC_LIMITED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'rpc:json-rpc:limit-exceeded' })
const JSON_RPC_OUR_CALL: Verdict = Object.freeze({ status: 500, rule: 'rpc:json-rpc:bad-call' })
/** The codes the JSON-RPC 2.0 specification reserves, as the probe gives a numeric code. */
const JSON_RPC_CODE = /^-32\d{3}$/

/**
 * gRPC and Connect errors by their status code (and JSON-RPC errors by theirs). A status received
 * from an upstream — a gRPC client's `ServiceError` (`details` text), or a Connect error whose
 * `metadata` holds the upstream's response headers — follows the upstream policy
 * (`rpc:received:UNAVAILABLE` 503, `DEADLINE_EXCEEDED` 504, `INTERNAL` 502, codes that blame our
 * call 500). A status our own handler raised (a Connect error with no upstream headers) is the
 * app's answer, by Connect's HTTP mapping (`NOT_FOUND` 404, `ALREADY_EXISTS` 409, `UNAUTHENTICATED`
 * 401 …).
 */
export const rpcRule = family({
  name: 'rpc',
  triggers: { keys: ['metadata'], messagePrefixes: SAID.slice(1), codePatterns: [JSON_RPC_CODE] },
  read(value) {
    const code = value.get('code')
    if (typeof code === 'number' && code <= -32000)
      return value.message === undefined ? undefined : jsonRpcVerdict(code)
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 1 || code > 16) return saidStatus(value)
    const metadata = value.get('metadata')
    if (!isObjectLike(metadata)) return undefined
    const details = value.get('details')
    const name = NAMES[code] as string
    const received = typeof details === 'string' || isUpstreamHeaders(metadata)
    const verdict = (received ? RECEIVED : RAISED)[code] as Verdict
    const rule = received ? `rpc:received:${name}` : `rpc:${name}`
    if (verdict === UNAVAILABLE || verdict.status === 429) {
      const retryAfter = parseRetryAfter(readHeader(metadata, 'retry-after'))
      if (retryAfter !== undefined) return { ...verdict, rule, retryAfter }
    }
    return { ...verdict, rule }
  },
})
