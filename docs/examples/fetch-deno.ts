import { notFound } from 'http-triage'
import { errorHandler, notFoundHandler } from 'http-triage/fetch'

const onError = errorHandler()
const noRoute = notFoundHandler()

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url)
  if (request.method === 'POST' && pathname === '/orders') {
    const order = await request.json() // malformed JSON → 400
    return Response.json(order, { status: 201 })
  }
  if (pathname.startsWith('/orders/')) throw notFound('No such order.')
  return noRoute(request)
}

Deno.serve(async (request) => {
  try {
    return await route(request)
  } catch (error) {
    return onError(error, request)
  }
})
