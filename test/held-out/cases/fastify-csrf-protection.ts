import fastifyCookie from '@fastify/cookie'
import fastifyCsrfProtection from '@fastify/csrf-protection'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = '@fastify/csrf-protection'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  await app.register(fastifyCookie)
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/cookie' })
  const errors = keepErrors(app)
  app.get('/form', async (_request, reply) => ({ token: await reply.generateCsrf() }))
  app.post('/transfer', { onRequest: app.csrfProtection }, async () => ({ ok: true }))
  const server = await serveErrors(app, errors)
  // A real form visit: the secret cookie and a token for it.
  const form = await fetch(`${server.base}/form`)
  const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { token } = (await form.json()) as { token: string }
  const rejection = (headers: Record<string, string>) =>
    server.rejection('/transfer', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ amount: 10 }),
    })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a POST without the CSRF secret cookie (FST_CSRF_MISSING_SECRET, statusCode 403)',
        why: 'carries a status: 403',
        expect: { status: 403 },
        error: await rejection({ 'csrf-token': token }),
      },
      {
        library,
        what: 'a POST with the secret cookie but no token (FST_CSRF_INVALID_TOKEN, statusCode 403)',
        why: 'carries a status: 403',
        expect: { status: 403 },
        error: await rejection({ cookie }),
      },
      {
        library,
        what: 'a POST with the secret cookie and a forged token (FST_CSRF_INVALID_TOKEN, statusCode 403)',
        why: 'carries a status: 403',
        expect: { status: 403 },
        error: await rejection({ cookie, 'csrf-token': `${token.slice(0, -4)}AAAA` }),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}
