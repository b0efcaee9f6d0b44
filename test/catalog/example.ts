/**
 * The catalog: for every rule family, examples of the errors it recognises. Each example builds its
 * sample error (thrown by the real library wherever it runs here; where it cannot, a copy of the
 * library's shape that names the source it was copied from), and `test/catalog.test.ts` runs every
 * example through the real classifier. docs/classification.md is rendered from those runs, so the
 * docs show what `classify` answers, never what a table claims. None of this ships at run time.
 */
export interface Example {
  /** The error as a user meets it, in Markdown: e.g. `pg 23505 unique_violation`. */
  readonly error: string
  /** Builds the sample error: the value an app would catch. May be async (a real query, a real request). */
  readonly make: () => unknown
  /** The rule that must decide it, e.g. `postgres:23505`. */
  readonly rule: string
  /** The status it must get. */
  readonly status: number
  /** Whether it must be retryable, where the policy says so. */
  readonly retryable?: boolean
  /** Response headers it must carry (names, lower-case), where the policy names them. */
  readonly headers?: readonly string[]
}

/** One family's examples, in the order the docs list them. */
export interface FamilyCatalog {
  /** The family, as its rule is named in `DEFAULT_RULES` (`postgres`, `upstream` …). */
  readonly family: string
  readonly examples: readonly Example[]
  /** Releases what the examples opened (a database, a server) once they have run. */
  readonly close?: () => unknown
  /**
   * The family never decides: it only unwraps what a value carries, so each example's rule is that
   * of the value inside (and `cause` is that value).
   */
  readonly unwrapsOnly?: boolean
}

/** Declares a family's catalog (typed, so that every example names a rule and a status). */
export function catalog(family: string, examples: readonly Example[], close?: () => unknown): FamilyCatalog {
  return close ? { family, examples, close } : { family, examples }
}

/** Declares the catalog of a family that only unwraps (`wrapper`): the value inside decides. */
export function unwrapperCatalog(family: string, examples: readonly Example[]): FamilyCatalog {
  return { family, examples, unwrapsOnly: true }
}

/** An `Error` with own properties, as a library builds one (`Object.assign(new Error(m), props)`). */
export function errorWith(message: string, props: Record<string, unknown>, name?: string): Error {
  const error = Object.assign(new Error(message), props)
  if (name !== undefined) error.name = name
  return error
}
