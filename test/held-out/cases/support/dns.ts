/** Batch BE: the label of a DNS failure of an upstream's host name (design.md: "upstream answered badly"). */
import type { Expected } from '../../case.js'

/** A host under `.invalid` (RFC 6761): getaddrinfo answers ENOTFOUND locally, no packet leaves the machine. */
export const INVALID_HOST = 'api.upstream.invalid'

/** DNS failure of an upstream: 502, retryable (the policy's "upstream answered badly" row). */
export const DNS_FAILURE: Expected = { status: 502, retryable: true }

export const WHY_DNS = 'DNS failure of an upstream: 502'
