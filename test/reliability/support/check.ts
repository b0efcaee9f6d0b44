import { expect } from 'vitest'
import { CODE_PATTERN, messageForStatus, titleForStatus } from '../../../src/codes.js'
import { isValidRequestId } from '../../../src/index.js'

/** A response as a client sees it, whatever produced it (HTTP, `inject`, `app.request`, a `Response`). */
export interface Seen {
  readonly status: number
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
}

export type BodyFormat = 'problem' | 'json'

const KEYS: Record<BodyFormat, ReadonlySet<string>> = {
  problem: new Set([
    'type',
    'title',
    'status',
    'detail',
    'instance',
    'code',
    'request_id',
    'retryable',
    'errors',
  ]),
  json: new Set(['error', 'code', 'message', 'status', 'request_id', 'retryable', 'errors']),
}

function header(seen: Seen, name: string): string | undefined {
  const value = seen.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Reads a `Headers` (or a plain object) into lower-case names. */
export function headersOf(headers: Headers | Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    ;(headers as Headers).forEach((value, name) => {
      out[name.toLowerCase()] = value
    })
  } else {
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined)
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

export async function seenOf(response: Response): Promise<Seen> {
  return { status: response.status, headers: headersOf(response.headers), text: await response.text() }
}

/**
 * Asserts the promise of every error response: a status in 400–599, the safety headers, a request
 * id that is safe, and a JSON body of the expected shape that holds only allowlisted members (a
 * 5xx: the generic title, message and code of its status class, nothing of the error).
 * Returns the parsed body.
 */
export function expectSafeErrorResponse(
  seen: Seen,
  { format = 'problem', head = false }: { format?: BodyFormat; head?: boolean } = {},
): Record<string, unknown> | undefined {
  const { status } = seen
  expect(Number.isInteger(status), `status ${status}`).toBe(true)
  expect(status).toBeGreaterThanOrEqual(400)
  expect(status).toBeLessThanOrEqual(599)
  expect(header(seen, 'content-type')).toBe(
    format === 'problem' ? 'application/problem+json' : 'application/json',
  )
  expect(header(seen, 'cache-control')).toBe('no-store')
  expect(header(seen, 'x-content-type-options')).toBe('nosniff')
  expect(header(seen, 'content-security-policy')).toBe("default-src 'none'")
  const requestId = header(seen, 'x-request-id')
  expect(isValidRequestId(requestId), `x-request-id ${requestId}`).toBe(true)
  for (const [name, value] of Object.entries(seen.headers)) {
    // RFC 9110 field values: visible ASCII, space and tab.
    for (const v of Array.isArray(value) ? value : [value ?? ''])
      expect(/^[\t\x20-\x7e]*$/.test(v), `header ${name}: ${JSON.stringify(v)}`).toBe(true)
  }
  if (head) {
    expect(seen.text).toBe('')
    return undefined
  }
  const body = JSON.parse(seen.text) as Record<string, unknown>
  expect(body).toBeTypeOf('object')
  for (const key of Object.keys(body)) expect(KEYS[format].has(key), `body member ${key}`).toBe(true)
  expect(body.status).toBe(status)
  expect(body.request_id).toBe(requestId)
  expect(typeof body.code === 'string' && CODE_PATTERN.test(body.code), `code ${String(body.code)}`).toBe(
    true,
  )
  const title = format === 'problem' ? body.title : body.error
  const message = format === 'problem' ? body.detail : body.message
  expect(title).toBe(titleForStatus(status))
  expect(message).toBeTypeOf('string')
  if (format === 'problem') expect(body.type).toBe('about:blank')
  if (status >= 500) {
    expect(message).toBe(messageForStatus(status))
    expect(body.errors).toBeUndefined()
  }
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true)
    for (const issue of body.errors as Record<string, unknown>[])
      expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path'])
  }
  return body
}

/** Asserts that none of `canaries` appears anywhere in a response: status line aside, headers and body. */
export function expectNoCanary(seen: Seen, canaries: readonly string[], where = ''): void {
  const everything = `${JSON.stringify(seen.headers)}\n${seen.text}`
  for (const canary of canaries) expect(everything.includes(canary), `${where} leaked ${canary}`).toBe(false)
}

/** Fails with the list of broken promises, if any: a plain throw, cheaper than `expect` in hot loops. */
export function assertNone(problems: readonly string[], context = ''): void {
  if (problems.length > 0) throw new Error(`${context}${context ? ': ' : ''}${problems.join('; ')}`)
}

/** Plain checks of a response, for the hot loops; `expectSafeErrorResponse` for the rest. */
export function quickProblems(seen: Seen, head: boolean): string[] {
  const out: string[] = []
  if (!Number.isInteger(seen.status) || seen.status < 400 || seen.status > 599)
    out.push(`status ${seen.status}`)
  if (seen.headers['content-type'] !== 'application/problem+json')
    out.push(`type ${seen.headers['content-type']}`)
  if (seen.headers['cache-control'] !== 'no-store') out.push('cache-control')
  if (head) {
    if (seen.text !== '') out.push('a body for HEAD')
    return out
  }
  try {
    const body = JSON.parse(seen.text)
    if (body.status !== seen.status) out.push('body status')
    if (body.request_id !== seen.headers['x-request-id']) out.push('request id')
    if (typeof body.detail !== 'string' || typeof body.code !== 'string') out.push('body shape')
  } catch {
    out.push(`body is not JSON: ${seen.text.slice(0, 80)}`)
  }
  return out
}
