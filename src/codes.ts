/** An HTTP status that an error response may carry. */
export type ErrorStatus = number

/** The definition of one public code: its status and the message a client sees by default. */
export interface CodeDefinition {
  readonly status: ErrorStatus
  readonly message: string
}

/**
 * Every public code and its status: the one table. The code for a bare status, the docs table and
 * the `PublicCode` type all derive from it. Where two codes share a status, the first is the code
 * of that bare status (a thrown 422 is `UNPROCESSABLE_ENTITY`; a schema failure is
 * `VALIDATION_FAILED`).
 */
export const CODES = {
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  UNAUTHORIZED: { status: 401, message: 'Authentication is required.' },
  PAYMENT_REQUIRED: { status: 402, message: 'Payment is required.' },
  FORBIDDEN: { status: 403, message: 'Access to this resource is forbidden.' },
  NOT_FOUND: { status: 404, message: 'The requested resource was not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The method is not allowed for this resource.' },
  NOT_ACCEPTABLE: { status: 406, message: 'No acceptable representation is available.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state of the resource.' },
  GONE: { status: 410, message: 'The resource is no longer available.' },
  LENGTH_REQUIRED: { status: 411, message: 'The request must declare its length.' },
  PRECONDITION_FAILED: { status: 412, message: 'A precondition of the request failed.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  URI_TOO_LONG: { status: 414, message: 'The request URI is too long.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The media type of the request is not supported.' },
  RANGE_NOT_SATISFIABLE: { status: 416, message: 'The requested range cannot be satisfied.' },
  EXPECTATION_FAILED: { status: 417, message: 'The expectation of the request cannot be met.' },
  MISDIRECTED_REQUEST: { status: 421, message: 'The request was sent to the wrong server.' },
  UNPROCESSABLE_ENTITY: { status: 422, message: 'The request could not be processed.' },
  VALIDATION_FAILED: { status: 422, message: 'The request did not pass validation.' },
  LOCKED: { status: 423, message: 'The resource is locked.' },
  FAILED_DEPENDENCY: { status: 424, message: 'A request this one depends on failed.' },
  TOO_EARLY: { status: 425, message: 'The request was sent too early.' },
  UPGRADE_REQUIRED: { status: 426, message: 'A protocol upgrade is required.' },
  PRECONDITION_REQUIRED: { status: 428, message: 'The request must be conditional.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests; try again later.' },
  REQUEST_HEADER_FIELDS_TOO_LARGE: { status: 431, message: 'The request headers are too large.' },
  UNAVAILABLE_FOR_LEGAL_REASONS: { status: 451, message: 'The resource is unavailable for legal reasons.' },
  CLIENT_CLOSED_REQUEST: { status: 499, message: 'The client closed the request.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'An unexpected error occurred.' },
  NOT_IMPLEMENTED: { status: 501, message: 'This feature is not implemented.' },
  BAD_GATEWAY: { status: 502, message: 'An upstream service failed.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable; try again later.' },
  GATEWAY_TIMEOUT: { status: 504, message: 'An upstream service did not respond in time.' },
  HTTP_VERSION_NOT_SUPPORTED: { status: 505, message: 'The HTTP version is not supported.' },
  INSUFFICIENT_STORAGE: { status: 507, message: 'The server is out of storage.' },
  NETWORK_AUTHENTICATION_REQUIRED: { status: 511, message: 'Network authentication is required.' },
} as const satisfies Record<string, CodeDefinition>

/** A code of the table. User rules and `httpError` may use other 4xx codes of the same form. */
export type PublicCode = keyof typeof CODES

const STATUS_TO_CODE: ReadonlyMap<number, PublicCode> = (() => {
  const map = new Map<number, PublicCode>()
  for (const code of Object.keys(CODES) as PublicCode[]) {
    const { status } = CODES[code]
    if (!map.has(status)) map.set(status, code)
  }
  return map
})()

/** Whether `code` is a code of the table. */
export function isPublicCode(code: string): code is PublicCode {
  return Object.hasOwn(CODES, code)
}

/**
 * Codes of the statuses in `http-status-codes` that the table leaves out (no default answer of ours
 * uses them; a thrown 418 still gets its well-known name).
 */
const OTHER_CODES: Readonly<Record<number, string>> = {
  407: 'PROXY_AUTHENTICATION_REQUIRED',
  418: 'IM_A_TEAPOT',
  419: 'INSUFFICIENT_SPACE_ON_RESOURCE',
  420: 'METHOD_FAILURE',
}

/** The code of a bare status: the table's first code for it, or the status class. */
export function codeForStatus(status: number): string {
  const known = STATUS_TO_CODE.get(status) ?? OTHER_CODES[status]
  return known ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST')
}

/** The status of a code of the table. */
export function statusOfCode(code: PublicCode): number {
  return CODES[code].status
}

/** The default client message of a status. */
export function messageForStatus(status: number): string {
  const code = STATUS_TO_CODE.get(status)
  if (code) return CODES[code].message
  return status >= 500 ? CODES.INTERNAL_SERVER_ERROR.message : CODES.BAD_REQUEST.message
}

/**
 * The reason phrase of every 4xx and 5xx status `http-status-codes` names, as RFC 9110 §15 spells
 * them where it renamed one (413 Content Too Large, 414 URI Too Long, 416 Range Not Satisfiable,
 * 422 Unprocessable Content), with RFC 8470's 425, nginx's 499, and the 5xx statuses Node's
 * `STATUS_CODES` adds (506, 508, 509, 510). A test holds it to both.
 */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  419: 'Insufficient Space on Resource',
  420: 'Method Failure',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded',
  510: 'Not Extended',
  511: 'Network Authentication Required',
}

/** The reason phrase of a status (RFC 9110 §15), e.g. 404 → "Not Found", 422 → "Unprocessable Content". */
export function titleForStatus(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
}

/** The older reason phrases of statuses RFC 9110 renamed, which servers and clients still use. */
const FORMER_TITLES: Readonly<Record<number, string>> = {
  413: 'Payload Too Large',
  414: 'URI Too Long',
  416: 'Requested Range Not Satisfiable',
  422: 'Unprocessable Entity',
}

/** Whether `text` is the reason phrase of `status`, as RFC 9110 spells it or as it was spelled before. */
export function isReasonPhrase(text: unknown, status: number): boolean {
  return text === TITLES[status] || text === FORMER_TITLES[status]
}

let byPhrase: ReadonlyMap<string, number> | undefined
/** The status whose reason phrase `text` is (`"Not Found"` → 404), either spelling; built on first use. */
export function statusOfReasonPhrase(text: string): number | undefined {
  byPhrase ??= new Map(
    [...Object.entries(TITLES), ...Object.entries(FORMER_TITLES)].map(([status, title]) => [
      title,
      Number(status),
    ]),
  )
  return byPhrase.get(text)
}

/** Whether a status is one a registry names (see `TITLES`): a service's own 440 or a protocol's 597 is not. */
export const isNamedStatus = (status: number): boolean => Object.hasOwn(TITLES, status)

/** A string that may serve as a public code: SCREAMING_SNAKE, 2–64 characters. */
export const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/
