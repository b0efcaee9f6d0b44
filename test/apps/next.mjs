// Next.js App Router route handlers: one per route, each wrapped by http-triage/next's
// `withTriage()` and called as Next calls them (the request, and a context with `params`), with
// `notFoundHandler()` as the catch-all route. A Next server is too heavy to run here: the harness
// serves this dispatcher as a Web handler.
import { webRoutes } from './routes.mjs'

export async function create({ adapter, core, routes, options, bodyLimit }) {
  const handle = webRoutes(routes, { core, bodyLimit })
  const handlers = new Map(
    [...routes.map((route) => route.path), '/after-headers'].map((path) => [
      path,
      adapter.withTriage(async (request, _context) => handle(request), options),
    ]),
  )
  const notFound = adapter.notFoundHandler(options)
  return {
    fetch(request) {
      const route = handlers.get(new URL(request.url).pathname)
      return route ? route(request, { params: Promise.resolve({}) }) : notFound(request)
    },
  }
}
