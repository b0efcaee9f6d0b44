import fastifyEnv from '@fastify/env'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@fastify/env'

const schema = {
  type: 'object',
  required: ['DATABASE_URL', 'PORT'],
  properties: {
    DATABASE_URL: { type: 'string', pattern: '^postgres://' },
    PORT: { type: 'integer', minimum: 1, maximum: 65535 },
    LOG_LEVEL: { type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
  },
}

/** Boots a server whose configuration comes from `data` (what the deployment set). */
async function boot(data: Record<string, string>): Promise<unknown> {
  const app = Fastify({ logger: false })
  try {
    await app.register(fastifyEnv, { schema, data, dotenv: false })
    await app.ready()
  } catch (error) {
    return error
  } finally {
    await app.close()
  }
  throw new Error('config accepted')
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'server boot with DATABASE_URL unset: env-schema Error "env must have required property \'DATABASE_URL\'" from app.ready()',
      why: 'our misconfiguration (deployment env): 500',
      expect: { status: 500 },
      error: await boot({ PORT: '8080' }),
    },
    {
      library,
      what: "server boot with PORT=eighty: Error 'env/PORT must be integer'",
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await boot({ DATABASE_URL: 'postgres://db/app', PORT: 'eighty' }),
    },
    {
      library,
      what: 'server boot with DATABASE_URL=mysql://… and LOG_LEVEL=verbose: Error \'env/DATABASE_URL must match pattern "^postgres://", env/LOG_LEVEL must be equal to one of the allowed values\'',
      why: 'our misconfiguration: 500 (not the client’s validation, although ajv wrote it)',
      expect: { status: 500 },
      error: await boot({ DATABASE_URL: 'mysql://db/app', PORT: '8080', LOG_LEVEL: 'verbose' }),
    },
  ]
  return cases
}
