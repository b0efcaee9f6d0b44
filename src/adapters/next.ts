/**
 * The Next.js (App Router route handlers) adapter of http-triage.
 * @module http-triage/next
 */
import { get, getString, isObjectLike, messageOf } from '../internal/safe.js'
import { type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { answerWeb, requestInfo } from './web.js'

/** Options of the Next.js adapter: those of every adapter. */
export type NextOptions = ResponderOptions

/** An App Router route handler: the request (a `NextRequest` is one) and the route's context. */
export type NextRouteHandler<Req extends Request = Request, Context = unknown> = (
  request: Req,
  context: Context,
) => Response | Promise<Response>

/**
 * Wraps an App Router route handler: a throw is answered with the fetch adapter's safe `Response`.
 * Next.js's own control-flow errors (`notFound()`, `redirect()`, `forbidden()`, `unauthorized()`,
 * dynamic-rendering bailouts), found as `unstable_rethrow` finds them, are rethrown for Next.js to
 * handle. Options are checked once, here.
 *
 * @example
 * import { withTriage } from 'http-triage/next'
 * export const GET = withTriage(async (request: Request) => Response.json(await load(request)))
 */
export function withTriage<Req extends Request, Context>(
  handler: NextRouteHandler<Req, Context>,
  options: NextOptions = {},
): (request: Req, context: Context) => Promise<Response> {
  const respond = responderFor(options, 'withTriage() of http-triage/next')
  if (typeof handler !== 'function') throw new TypeError('http-triage: withTriage() takes a route handler')
  return async function httpTriageRoute(request, context) {
    try {
      return await handler(request, context)
    } catch (error) {
      const own = nextControlFlow(error)
      if (own !== undefined) throw own.value
      return answerWeb(respond, error, request)
    }
  }
}

/**
 * A route handler for the paths no other route handler owns, exported from a catch-all route
 * (`app/api/[...path]/route.ts`): a 404 in the same shape as every error.
 *
 * @example
 * // app/api/[...path]/route.ts
 * import { notFoundHandler } from 'http-triage/next'
 * export const GET = notFoundHandler()
 */
export function notFoundHandler(options: NextOptions = {}): (request: Request) => Response {
  const respond = responderFor(options, 'notFoundHandler() of http-triage/next')
  return (request) => {
    const { method, path } = requestInfo(request)
    return answerWeb(respond, noRoute(method, path), request)
  }
}

/** Digests of Next.js's control-flow errors that do not start with `NEXT_`. */
const DIGESTS: readonly string[] = [
  // next/src/client/components/hooks-server-context.ts (DynamicServerError)
  'DYNAMIC_SERVER_USAGE',
  // next/src/shared/lib/lazy-dynamic/bailout-to-csr.ts (BailoutToCSRError)
  'BAILOUT_TO_CLIENT_SIDE_RENDERING',
  // next/src/server/dynamic-rendering-utils.ts (HangingPromiseRejectionError)
  'HANGING_PROMISE_REJECTION',
]

const REACT_POSTPONE = Symbol.for('react.postpone')
const MAX_DEPTH = 16

/**
 * The Next.js control-flow error in the cause chain of `error`, the one `unstable_rethrow` would
 * rethrow: a `digest` starting with `NEXT_` (`NEXT_REDIRECT;…`, `NEXT_HTTP_ERROR_FALLBACK;404`,
 * `NEXT_PRERENDER_INTERRUPTED`, Next 14's `NEXT_NOT_FOUND`) or one of `DIGESTS`; a
 * `StaticGenBailoutError` (`code` `NEXT_STATIC_GEN_BAILOUT`, a build-time configuration error); and
 * React's postpone (Next 15 with partial prerendering). Answering any of them would turn Next's
 * redirect or 404 into a 500, or a dynamic route into a cached static error.
 */
function nextControlFlow(error: unknown): { readonly value: unknown } | undefined {
  const seen = new Set<unknown>()
  let value = error
  for (let depth = 0; depth < MAX_DEPTH && isObjectLike(value) && !seen.has(value); depth++) {
    seen.add(value)
    const digest = getString(value, 'digest')
    if (digest !== undefined && (digest.startsWith('NEXT_') || DIGESTS.includes(digest))) return { value }
    if (getString(value, 'code') === 'NEXT_STATIC_GEN_BAILOUT') return { value }
    if (get(value, '$$typeof') === REACT_POSTPONE || isDynamicPostpone(value)) return { value }
    value = get(value, 'cause')
  }
  return undefined
}

/** next/src/server/app-render/dynamic-rendering.ts (`isDynamicPostpone`, Next 15): by message. */
function isDynamicPostpone(value: unknown): boolean {
  const message = messageOf(value) ?? ''
  return (
    message.includes('needs to bail out of prerendering at this point because it used') &&
    message.includes('https://nextjs.org/docs/messages/ppr-caught-error')
  )
}
