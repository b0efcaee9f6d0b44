import { HttpError } from '../http-error.js'

// What encodeurl (finalhandler's) leaves as it is: the URL characters, and `%` before two hex digits.
const TO_ENCODE =
  /(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]|%(?:[^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|$))+/g
const LONE_SURROGATE = /(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD800-\uDBFF]([^\uDC00-\uDFFF]|$)/g
const MAX_PATH = 512

/**
 * The 404 of a request no route answered, in every adapter: `No route for GET /path`, with the path
 * percent-encoded as a URL is (a raw `<` or a space never reaches the body; `%20` stays `%20`).
 */
export function noRoute(method: string | undefined, path: string | undefined): HttpError {
  return new HttpError(404, `No route for ${method ?? 'GET'} ${encodePath(path ?? '/')}`)
}

function encodePath(path: string): string {
  const cut = path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path
  return cut.replace(LONE_SURROGATE, '$1\uFFFD$2').replace(TO_ENCODE, encodeURI)
}
