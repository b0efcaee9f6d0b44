import { Elysia, NotFoundError, t } from 'elysia'
import { httpTriage } from 'http-triage/elysia'

export const app = new Elysia()
  .use(httpTriage({ log: console })) // first: it answers every error of the app, and its 404s
  .get('/orders/:id', ({ params }) => {
    if (params.id !== '1') throw new NotFoundError('No such order.')
    return { id: params.id, total: 42 }
  })
  .post('/signup', ({ body }) => ({ email: body.email }), {
    body: t.Object({ email: t.String({ format: 'email' }) }),
  })
