import { call, ORPCError, os } from '@orpc/server'
import { type } from 'arktype'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const forbidden = os.handler(() => {
    throw new ORPCError('FORBIDDEN', { message: 'not your project' })
  })
  const timeout = os.handler(() => {
    throw new ORPCError('TIMEOUT')
  })
  const outOfStock = os.handler(() => {
    throw new ORPCError('OUT_OF_STOCK', { status: 409, message: 'sold out' })
  })
  const subscribe = os.input(type({ email: 'string.email' })).handler(({ input }) => input.email)
  return [
    {
      library: '@orpc/server',
      what: 'a handler threw ORPCError FORBIDDEN',
      why: "RPC framework error, oRPC's table: FORBIDDEN is 403 (it also carries status 403)",
      expect: { status: 403 },
      error: await rejectionOf(() => call(forbidden, undefined)),
    },
    {
      library: '@orpc/server',
      what: 'a handler threw ORPCError TIMEOUT',
      why: "RPC framework error, oRPC's table: TIMEOUT is 408",
      expect: { status: 408 },
      error: await rejectionOf(() => call(timeout, undefined)),
    },
    {
      library: '@orpc/server',
      what: 'a handler threw a custom ORPCError OUT_OF_STOCK with status 409',
      why: 'an error that carries a status the app chose',
      expect: { status: 409 },
      error: await rejectionOf(() => call(outOfStock, undefined)),
    },
    {
      library: '@orpc/server',
      what: 'input failed its schema: oRPC raised BAD_REQUEST "Input validation failed" (ValidationError cause)',
      why: "the framework's own verdict: BAD_REQUEST, status 400 (outermost wins over the cause)",
      expect: { status: 400 },
      error: await rejectionOf(() => call(subscribe, { email: 'nope' })),
    },
  ]
}
