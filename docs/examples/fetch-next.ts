// app/orders/route.ts (Next.js App Router)
import { toResponse } from 'http-triage/fetch'

export async function POST(request: Request): Promise<Response> {
  try {
    const order = (await request.json()) as { total?: unknown }
    return Response.json({ total: order.total }, { status: 201 })
  } catch (error) {
    return toResponse(error, { request })
  }
}
