// @fastify/cors: a Fastify API that answers browsers from other origins. Each app registers the
// plugin with the options a developer wrote; what the plugin passes to the error handler for a
// request with an Origin header is recorded (keepErrors), and a hook it refuses fails the boot.
import fastifyCors from '@fastify/cors'
import Fastify from 'fastify'
import type { HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = '@fastify/cors'

async function requestError(options: Record<string, unknown>, init: RequestInit): Promise<unknown> {
  const app = Fastify()
  const errors = keepErrors(app)
  await app.register(fastifyCors, options as never)
  app.get('/api/products', async () => ({ products: [] }))
  const server = await serveErrors(app, errors)
  try {
    return await server.rejection('/api/products', init)
  } finally {
    await app.close()
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const fromBrowser = { headers: { origin: 'https://shop.example.com' } }

  cases.push({
    library,
    what: 'origin read from an unset env var (origin: ""): every request fails with Error "Invalid CORS origin option"',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: await requestError({ origin: process.env.HELDOUT_AO_UNSET_ORIGIN ?? '' }, fromBrowser),
  })

  cases.push({
    library,
    what: 'async origin function that forgets to return its verdict (resolves undefined): Error "Invalid CORS origin option"',
    why: 'our own bug: 500',
    expect: { status: 500 },
    error: await requestError(
      {
        origin: async (origin: string | undefined) => {
          void origin?.endsWith('.example.com')
        },
      },
      fromBrowser,
    ),
  })

  cases.push({
    library,
    what: 'delegator written as a sync one-argument function returning options (not a promise): Error "Invalid CORS origin option" on every request',
    why: 'our own bug (misused API): 500',
    expect: { status: 500 },
    error: await requestError(
      { delegator: (_req: unknown) => ({ origin: 'https://shop.example.com' }) },
      { method: 'GET', ...fromBrowser },
    ),
  })

  const boot = Fastify()
  let bootError: unknown
  try {
    await boot.register(fastifyCors, { hook: 'onSend' } as never)
  } catch (error) {
    bootError = error
  }
  await boot.close()
  cases.push({
    library,
    what: 'registered with hook: "onSend" (not a hook it supports): boot fails with TypeError "@fastify/cors: Invalid hook option provided."',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: bootError,
  })

  return cases
}
