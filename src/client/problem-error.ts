import { type Problem, readProblem } from './read-problem.js'

/** The brand of a ProblemError, shared by every copy of the package (`Symbol.for`). */
const BRAND = Symbol.for('http-triage.problem-error')

/** The most of a server's `detail` that goes into a message: messages end up in logs. */
const MAX_DETAIL = 200

/**
 * An HTTP error answer as an `Error`: the status, the public code, the request id to quote to
 * support, the problem body (when there was one) and the response itself, whose body is still
 * unread. Its message reads `503 SERVICE_UNAVAILABLE: <detail> (request id 01J…)`.
 *
 * @example
 * import { ProblemError } from 'http-triage/client'
 * const response = await fetch('/api/orders/42')
 * if (!response.ok) throw await ProblemError.from(response)
 */
export class ProblemError extends Error {
  /**
   * `instanceof ProblemError` holds for a ProblemError of any copy of http-triage (its ESM and CJS
   * builds loaded side by side, two versions in one app), by a registered brand. On a subclass,
   * `instanceof` keeps its usual meaning.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked, maybe a subclass
    if (this !== ProblemError) return super[Symbol.hasInstance](value)
    // A Proxy whose `get` trap throws makes this throw, as its `getPrototypeOf` trap makes `instanceof`.
    return (value as Record<symbol, unknown> | undefined)?.[BRAND] === true
  }

  override readonly name = 'ProblemError'
  /** The response's status. */
  declare readonly status: number
  /** The body's public code, e.g. `NOT_FOUND`. */
  declare readonly code: string | undefined
  /** The id the server gave the request (body `request_id` or `X-Request-Id`): quote it to support. */
  declare readonly requestId: string | undefined
  /** The body, as `readProblem` read it; `undefined` for a body that is not an error body. */
  declare readonly problem: Problem | undefined
  /** The response, its body unread. */
  declare readonly response: Response

  constructor(response: Response, problem?: Problem) {
    const requestId = problem?.requestId ?? response.headers.get('x-request-id') ?? undefined
    super(messageOf(response, problem, requestId))
    this.status = response.status
    this.code = problem?.code
    this.requestId = requestId
    this.problem = problem
    this.response = response
  }

  /** The brand `instanceof` reads: on the prototype, not an own property that logs would show. */
  get [BRAND](): true {
    return true
  }

  /** Reads the response's problem body (a clone of it) and makes the error. */
  static async from(response: Response): Promise<ProblemError> {
    return new ProblemError(response, await readProblem(response))
  }
}

function messageOf(response: Response, problem: Problem | undefined, requestId: string | undefined): string {
  const what = problem?.code ?? problem?.title ?? response.statusText
  const detail = problem?.detail?.replace(/\p{Cc}+/gu, ' ')
  const said = detail ? `: ${detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail}` : ''
  const id = requestId ? ` (request id ${requestId.slice(0, 128)})` : ''
  return `${response.status}${what ? ` ${what}` : ''}${said}${id}`
}
