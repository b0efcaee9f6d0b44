import { type ClassifierOptions, type Classify, createClassifierWith } from './create-classifier.js'
import { DEFAULT_RULES } from './rules/index.js'
import type { Classification } from './types.js'

/** The default classifier, built on first use. */
let classifyWithDefaults: Classify | undefined

/**
 * Creates a `classify` with user rules first and status overrides. Options are checked here, so a
 * mistake fails at start-up with a clear message, never at request time.
 *
 * @example
 * import { createClassifier } from 'http-triage'
 * const classify = createClassifier({
 *   rules: [{ name: 'feature-flag', match: (e) => (e instanceof FlagOffError ? { status: 404 } : undefined) }],
 *   overrides: { VALIDATION_FAILED: 400 },
 * })
 */
export function createClassifier(options: ClassifierOptions = {}): Classify {
  return createClassifierWith(DEFAULT_RULES, options)
}

/**
 * Classifies any thrown value: the status (400–599), a stable public code, a safe message, retry
 * hints, headers, and the rule that decided. It never throws, whatever it is given. With
 * `options`, it builds a classifier for this call; build one once with `createClassifier` instead.
 *
 * @example
 * import { classify } from 'http-triage'
 * const { status, code, message } = classify(error)
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15
 */
export function classify(error: unknown, options?: ClassifierOptions): Classification {
  if (options !== undefined) return createClassifier(options)(error)
  classifyWithDefaults ??= createClassifier()
  return classifyWithDefaults(error)
}
