/** One validation issue, safe to show a client: never the rejected value. */
export interface ValidationIssue {
  /** Where the issue is, e.g. `body.email` or `items.0.qty` (empty for the whole input). */
  readonly path: string
  readonly message: string
  /** The validator's code for the issue, e.g. `invalid_type`, `string.min`, `required`. */
  readonly code: string
}

/** What `classify` answers for any thrown value. */
export interface Classification {
  /** An integer in 400–599. */
  readonly status: number
  /** Stable, public, SCREAMING_SNAKE; for a 5xx it names only the status class. */
  readonly code: string
  /** The reason phrase of `status`. */
  readonly title: string
  /** Safe for the client: the error's own message only where `expose` is true. */
  readonly message: string
  /** Whether `message` is the error's own message. */
  readonly expose: boolean
  /** Whether a client may retry an idempotent request. */
  readonly retryable: boolean
  /** Seconds to wait before a retry, where known. */
  readonly retryAfter?: number
  /** Headers the response should carry (`retry-after`, `www-authenticate`, `allow` …), lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** Safe structured details (validation issues), for a 4xx only. */
  readonly details?: readonly ValidationIssue[]
  /** The rule that decided, e.g. `zod`, `node-system:ECONNREFUSED`, `fallback`: for logs. */
  readonly rule: string
  /** The value in the cause chain that the rule matched: for logs, never for a body. */
  readonly cause: unknown
}

/**
 * What a rule says about a value it recognises. Give a `code` of the table, a `status`, or both;
 * the other is derived.
 */
export interface Verdict {
  readonly status?: number
  readonly code?: string
  /** Overrides the rule's name in `Classification.rule`, e.g. `node-system:ECONNREFUSED`. */
  readonly rule?: string
  /** A safe message written by the rule. Ignored where `expose` is true. */
  readonly message?: string
  /** Show the error's own message (4xx only: a 5xx never exposes). */
  readonly expose?: boolean
  readonly retryable?: boolean
  readonly retryAfter?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly details?: readonly ValidationIssue[]
  /**
   * A weak verdict holds only if nothing deeper in the cause chain is recognised: for wrappers
   * such as `TypeError('fetch failed')`, whose cause says more than they do.
   */
  readonly weak?: boolean
}

/** A rule: recognises a family of thrown values by shape. Rules are data: an ordered list. */
export interface Rule {
  /** The family name, e.g. `zod`; shown in `Classification.rule` and usable as an override key. */
  readonly name: string
  /** Returns a verdict if the value is recognised. A rule that throws has not matched. */
  readonly match: (value: unknown) => Verdict | undefined
  /**
   * Values this kind of wrapper carries besides `cause` and `errors` (Sequelize `original`,
   * TypeORM `driverError` …), which the walk visits after it.
   */
  readonly unwrap?: (value: unknown) => readonly unknown[] | undefined
}
