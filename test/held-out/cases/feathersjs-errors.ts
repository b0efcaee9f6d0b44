import { NotAuthenticated, NotFound, TooManyRequests, Unprocessable } from '@feathersjs/errors'
import type { Collect } from '../case.js'

// Errors that a Feathers service method throws; they carry their status as the numeric `code`.
export const collect: Collect = async () => {
  const service = {
    async get(id: string) {
      throw new NotFound(`No record found for id '${id}'`)
    },
    async create(data: { email?: string }) {
      throw new Unprocessable('Invalid data', { errors: { email: `${data.email ?? ''} is not an email` } })
    },
    async find(params: { headers: Record<string, string> }) {
      if (!params.headers.authorization) throw new NotAuthenticated('Not authenticated')
      throw new TooManyRequests('Too many requests, try again later')
    },
  }
  const rejection = async (run: () => Promise<unknown>) =>
    run().then(
      () => 'resolved',
      (error: unknown) => error,
    )
  return [
    {
      library: '@feathersjs/errors',
      what: 'a service get() threw NotFound (code 404)',
      why: 'an error that carries its status',
      expect: { status: 404 },
      error: await rejection(() => service.get('42')),
    },
    {
      library: '@feathersjs/errors',
      what: 'a service create() threw Unprocessable with field errors (code 422)',
      why: 'an error that carries its status (validation)',
      expect: { status: 422 },
      error: await rejection(() => service.create({ email: 'x' })),
    },
    {
      library: '@feathersjs/errors',
      what: 'a service find() without credentials threw NotAuthenticated (code 401)',
      why: 'an error that carries its status',
      expect: { status: 401 },
      error: await rejection(() => service.find({ headers: {} })),
    },
    {
      library: '@feathersjs/errors',
      what: 'a service find() threw TooManyRequests (code 429)',
      why: 'an error that carries its status',
      expect: { status: 429 },
      error: await rejection(() => service.find({ headers: { authorization: 'Bearer t' } })),
    },
  ]
}
