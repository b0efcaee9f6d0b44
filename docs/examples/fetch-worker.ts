import { notFound } from 'http-triage'
import { errorHandler, notFoundHandler } from 'http-triage/fetch'

const onError = errorHandler() // once, at module scope: options are checked here
const noRoute = notFoundHandler()

export default {
  async fetch(request: Request): Promise<Response> {
    try {
      const { pathname } = new URL(request.url)
      if (pathname === '/orders/1') return Response.json({ id: '1', total: 42 })
      if (pathname.startsWith('/orders/')) throw notFound('No such order.')
      return noRoute(request)
    } catch (error) {
      return onError(error, request)
    }
  },
}
