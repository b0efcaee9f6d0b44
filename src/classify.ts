import { type ClassifierOptions, type Classify, createClassifier } from './create-classifier.js'
import type { Classification } from './types.js'

/** The default classifier, built on first use. */
let classifyWithDefaults: Classify | undefined

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
