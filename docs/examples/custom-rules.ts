import { createClassifier, type Rule } from 'http-triage'

// Your own error types. (instanceof is fine for your own classes; rules for foreign libraries
// should read properties instead, since instanceof fails across copies of a package.)
export class FeatureDisabledError extends Error {
  override name = 'FeatureDisabledError'
}

// A rule recognises a family of errors and returns a verdict; undefined means "not mine".
const featureFlags: Rule = {
  name: 'feature-flag',
  match: (error) =>
    error instanceof FeatureDisabledError
      ? { status: 404, code: 'FEATURE_DISABLED', message: 'This feature is not available.' }
      : undefined,
}

// A plain function is a rule too: its name is the function's name.
function quotaExceeded(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'QUOTA_EXCEEDED' ? { code: 'TOO_MANY_REQUESTS', retryAfter: 3600 } : undefined
}

// User rules run first, in order, then the built-in ones: the first match wins.
export const classify = createClassifier({ rules: [featureFlags, quotaExceeded] })

classify(new FeatureDisabledError('search-v2'))
// → { status: 404, code: 'FEATURE_DISABLED', message: 'This feature is not available.', rule: 'feature-flag', … }

classify(Object.assign(new Error('quota'), { code: 'QUOTA_EXCEEDED' }))
// → { status: 429, code: 'TOO_MANY_REQUESTS', retryable: true, retryAfter: 3600, headers: { 'retry-after': '3600' }, rule: 'quotaExceeded', … }
