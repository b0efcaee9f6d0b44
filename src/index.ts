export { classify } from './classify.js'
export { CODES, type CodeDefinition, codeForStatus, type PublicCode, titleForStatus } from './codes.js'
export {
  type ClassifierOptions,
  type Classify,
  createClassifier,
  type Override,
  type RuleFunction,
} from './create-classifier.js'
export {
  badGateway,
  badRequest,
  conflict,
  forbidden,
  gatewayTimeout,
  gone,
  HttpError,
  type HttpErrorOptions,
  httpError,
  internalError,
  methodNotAllowed,
  notFound,
  notImplemented,
  payloadTooLarge,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
  validationFailed,
} from './http-error.js'
export { DEFAULT_RULES } from './rules/index.js'
export type { Classification, Rule, ValidationIssue, Verdict } from './types.js'
