// app/api/orders/[id]/route.ts (Next.js App Router)
import { notFound } from 'http-triage'
import { withTriage } from 'http-triage/next'

const orders = new Map([['1', { id: '1', total: 42 }]])

export const GET = withTriage(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const order = orders.get((await params).id)
  if (!order) throw notFound('No such order.') // http-triage's notFound(): a Problem Details 404
  return Response.json(order)
})
