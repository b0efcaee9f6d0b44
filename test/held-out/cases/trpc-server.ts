import { initTRPC, TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { type } from 'arktype'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'

type Code = TRPCError['code']

export const collect: Collect = async () => {
  const t = initTRPC.create()
  const fail = (code: Code, message: string) =>
    t.procedure.query(() => {
      throw new TRPCError({ code, message })
    })
  const router = t.router({
    notFound: fail('NOT_FOUND', 'no order 42'),
    unauthorized: fail('UNAUTHORIZED', 'sign in first'),
    timeout: fail('TIMEOUT', 'report took too long'),
    conflict: fail('CONFLICT', 'slug taken'),
    precondition: fail('PRECONDITION_FAILED', 'version mismatch'),
    tooMany: fail('TOO_MANY_REQUESTS', 'slow down'),
    createUser: t.procedure.input(type({ email: 'string.email' })).mutation(({ input }) => input.email),
    crash: t.procedure.query(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')")
    }),
  })
  const caller = t.createCallerFactory(router)({})

  // Errors the framework itself raises while serving a request (fetch adapter, no network).
  const served = async (request: Request): Promise<unknown> => {
    let seen: unknown
    await fetchRequestHandler({
      endpoint: '/trpc',
      req: request,
      router,
      createContext: () => ({}),
      onError: ({ error }) => {
        seen = error
      },
    })
    return seen
  }
  const base = 'http://127.0.0.1/trpc'
  const post = (path: string, body: string) =>
    new Request(`${base}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

  const app = (code: Code, status: number, error: unknown): HeldOutCase => ({
    library: '@trpc/server',
    what: `a procedure threw TRPCError ${code}`,
    why: `RPC framework error read by tRPC's own table (${code} is ${status})`,
    expect: { status },
    error,
  })
  return [
    app('NOT_FOUND', 404, await rejectionOf(() => caller.notFound())),
    app('UNAUTHORIZED', 401, await rejectionOf(() => caller.unauthorized())),
    app('TIMEOUT', 408, await rejectionOf(() => caller.timeout())),
    app('CONFLICT', 409, await rejectionOf(() => caller.conflict())),
    app('PRECONDITION_FAILED', 412, await rejectionOf(() => caller.precondition())),
    app('TOO_MANY_REQUESTS', 429, await rejectionOf(() => caller.tooMany())),
    {
      library: '@trpc/server',
      what: 'input failed its (Standard Schema) validator: tRPC raised BAD_REQUEST with the issues as cause',
      why: "the framework's own verdict, read by its table: BAD_REQUEST is 400 (outermost wins over the cause)",
      expect: { status: 400 },
      error: await rejectionOf(() => caller.createUser({ email: 'nope' })),
    },
    {
      library: '@trpc/server',
      what: 'a procedure hit a TypeError: tRPC wrapped it as INTERNAL_SERVER_ERROR',
      why: 'a plain programming error',
      expect: { status: 500 },
      error: await rejectionOf(() => caller.crash()),
    },
    {
      library: '@trpc/server',
      what: 'fetch adapter: a request for a procedure path that does not exist (NOT_FOUND)',
      why: "framework's own error, tRPC table: NOT_FOUND is 404",
      expect: { status: 404 },
      error: await served(new Request(`${base}/nope`)),
    },
    {
      library: '@trpc/server',
      what: 'fetch adapter: a mutation called with GET (METHOD_NOT_SUPPORTED)',
      why: "framework's own error, tRPC table: METHOD_NOT_SUPPORTED is 405",
      expect: { status: 405 },
      error: await served(new Request(`${base}/createUser?input=%7B%7D`)),
    },
    {
      library: '@trpc/server',
      what: 'fetch adapter: a mutation whose JSON body does not parse (BAD_REQUEST, SyntaxError cause)',
      why: 'malformed request syntax; tRPC table: BAD_REQUEST is 400',
      expect: { status: 400 },
      error: await served(post('createUser', '{"email": ')),
    },
  ]
}
