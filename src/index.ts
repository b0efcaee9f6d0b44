/**
 * Classify any thrown value into an HTTP status, a public code and a safe body.
 * @module http-triage
 */
export { classify, createClassifier } from './classify.js'
export { CODES, type CodeDefinition, codeForStatus, type PublicCode, titleForStatus } from './codes.js'
export type {
  ClassifierOptions,
  Classify,
  Override,
  RuleFunction,
} from './create-classifier.js'
export {
  type DebugInfo,
  type FormatContext,
  type Formatter,
  type JsonBody,
  jsonBody,
  type ProblemBody,
  problemBody,
} from './formats.js'
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
export {
  createReporter,
  type Logger,
  type LogLevel,
  type LogOptions,
  type LogReport,
  type LogTarget,
  REDACTED_KEYS,
  type Reporter,
} from './log.js'
export {
  createRequestIdGenerator,
  isValidRequestId,
  REQUEST_ID_PATTERN,
  resolveRequestId,
} from './request-id.js'
export {
  createResponder,
  type ErrorResponse,
  type ReportHook,
  type RequestInfo,
  type Responder,
  type ResponderOptions,
} from './respond.js'
export { DEFAULT_RULES } from './rules/index.js'
export {
  createSerializer,
  type SerializeContext,
  type SerializedError,
  type SerializeOptions,
  type Serializer,
  serialize,
} from './serialize.js'
export type { Classification, Rule, ValidationIssue, Verdict } from './types.js'
