import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { notFound } from 'http-triage'
import { handle, type NodeOptions, notFoundHandler } from 'http-triage/node'

const orders = new Map([['1', { id: '1', total: 42 }]])

// One options object: 404s are logged and shaped as every other error.
const triage: NodeOptions = { log: console }
const noRoute = notFoundHandler(triage)

export const server = createServer(
  handle(async (req: IncomingMessage, res: ServerResponse) => {
    const id = /^\/orders\/([^/?]+)/.exec(req.url ?? '')?.[1]
    if (id === undefined) return noRoute(req, res)
    const order = orders.get(id)
    if (!order) throw notFound('No such order.') // a throw or a rejection is answered
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(order))
  }, triage),
)
