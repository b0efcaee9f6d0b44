import { errorHandler } from 'http-triage/fetch'

const onError = errorHandler()

Bun.serve({
  port: 3000,
  async fetch(request) {
    try {
      return await route(request)
    } catch (error) {
      return onError(error, request)
    }
  },
})

async function route(request: Request): Promise<Response> {
  return Response.json(await request.json())
}
