/**
 * The client side of http-triage: read problem bodies, and retry only what is safe to retry. It
 * needs `fetch` and nothing else, and shares none of the server side but the judgement of which
 * network failures are transient.
 * @module http-triage/client
 */
export { ProblemError } from './client/problem-error.js'
export { type Problem, readProblem } from './client/read-problem.js'
export {
  type HeadersLike,
  type RetryDecision,
  type RetryDecisionInput,
  type RetryPolicyOptions,
  retryDecision,
} from './client/retry-decision.js'
export { type Fetch, type RetryEvent, type RetryOptions, withRetry } from './client/with-retry.js'
