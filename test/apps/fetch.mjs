// A bare Web handler (a Worker's, Deno.serve's, Bun.serve's) with http-triage/fetch: the routes in
// a try/catch, `errorHandler()` for what they throw and `notFoundHandler()` for the rest.
import { webRoutes } from './routes.mjs'

export async function create({ adapter, core, routes, options, bodyLimit }) {
  const onError = adapter.errorHandler(options)
  const notFound = adapter.notFoundHandler(options)
  const handle = webRoutes(routes, { core, bodyLimit })
  return {
    async fetch(request) {
      try {
        return (await handle(request)) ?? notFound(request)
      } catch (error) {
        return onError(error, request)
      }
    },
  }
}
