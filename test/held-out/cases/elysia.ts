import { Elysia, t } from 'elysia'
import type { Collect } from '../case.js'

// Errors Elysia raises itself while serving requests (app.handle, no network), as onError sees them.
export const collect: Collect = async () => {
  const seen: unknown[] = []
  const app = new Elysia()
    .onError(({ error }) => {
      seen.push(error)
      return 'error'
    })
    .post('/users', ({ body }) => body, { body: t.Object({ email: t.String({ format: 'email' }) }) })
  const raised = async (request: Request): Promise<unknown> => {
    seen.length = 0
    await app.handle(request)
    return seen[0]
  }
  const json = (body: string) =>
    new Request('http://localhost/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
  return [
    {
      library: 'elysia',
      what: 'request for a route that does not exist: NotFoundError',
      why: "framework's own error that carries its status",
      expect: { status: 404 },
      error: await raised(new Request('http://localhost/nope')),
    },
    {
      library: 'elysia',
      what: 'body fails the route schema (email format): ValidationError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: await raised(json('{"email":"x"}')),
    },
    {
      library: 'elysia',
      what: 'JSON body that does not parse: ParseError',
      why: 'malformed request syntax',
      expect: { status: 400 },
      error: await raised(json('{"email":')),
    },
  ]
}
