import { httpError } from '../http-error.js'
import { codeOf, get, getString, messageOf, nameOf } from './safe.js'

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/**
 * A bare `SyntaxError` says nothing of where it came from: a request body, a config file, an
 * upstream's answer. It is taken for a malformed request body only when all of these hold: it is a
 * JSON parse error (its message names JSON, as V8's and JavaScriptCore's do), the request's body
 * was read, and the request declared a JSON media type.
 */
export function isJsonBodyError(error: unknown, request: Request | undefined): boolean {
  if (!request) return false
  return isJsonParseOfBody(error, get(request, 'bodyUsed') === true, () => readContentType(request))
}

/**
 * The same test for a request of any kind (a Node request, read to its end): whether its body was
 * read, and its declared media type, read only when the rest holds.
 */
export function isJsonParseOfBody(
  error: unknown,
  bodyRead: boolean,
  contentType: () => string | undefined,
): boolean {
  if (!bodyRead || nameOf(error) !== 'SyntaxError' || codeOf(error) !== undefined) return false
  if (!/JSON/.test(messageOf(error) ?? '')) return false
  const type = contentType()
  return type !== undefined && JSON_MEDIA_TYPE.test(type)
}

/** The error a malformed JSON request body becomes: a 400 that keeps the parse error as its cause. */
export function malformedJsonBody(cause: unknown) {
  return httpError(400, 'The request body is not valid JSON.', { cause })
}

function readContentType(request: Request): string | undefined {
  try {
    return request.headers.get('content-type') ?? undefined
  } catch {
    return getString(get(request, 'headers'), 'content-type')
  }
}
