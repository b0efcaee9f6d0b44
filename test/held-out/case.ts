/**
 * The held-out set: real errors, thrown live by real libraries that no rule, rule catalog or other
 * test of this repository names. Each case is labelled by the status policy (../shared/design.md)
 * before the classifier sees it. It is scored, never tuned to: a miss is fixed by a rule that reads
 * what the error means, and a library that gets a rule of its own leaves the set.
 */

/** What the policy says the answer is. `retryable` and `headers` only where the policy names them. */
export interface Expected {
  readonly status: number
  readonly retryable?: boolean
  /** Lower-case header names; a value, or `null` for "must be absent". */
  readonly headers?: Readonly<Record<string, string | null>>
}

/** One real error, produced live. */
export interface HeldOutCase {
  /** The npm package that threw it, as installed (a devDependency). */
  readonly library: string
  /** What happened, e.g. `upstream answered 401 to our API key`. */
  readonly what: string
  /** The policy row that decides, in a few words. */
  readonly why: string
  /** The status an upstream answered us, where the error is from a call our server made. */
  readonly upstreamStatus?: number
  readonly expect: Expected
  /** The caught error, exactly as the library threw or rejected it. */
  readonly error: unknown
}

/** A group of cases: starts what it needs on 127.0.0.1, collects its errors, stops everything. */
export type Collect = () => Promise<readonly HeldOutCase[]>

/** What an async call rejects with; throws if it resolves. */
export async function rejectionOf(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}
