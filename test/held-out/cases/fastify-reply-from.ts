import replyFrom from '@fastify/reply-from'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@fastify/reply-from'

/** A Fastify proxy to `base` whose error handler keeps what reply.from() sends it. */
async function proxy(base: string, timeout?: number) {
  const app = Fastify({ logger: false })
  const errors = keepErrors(app)
  await app.register(replyFrom, { base })
  app.get('/orders', (_request, reply) => reply.from('/v1/orders', timeout === undefined ? {} : { timeout }))
  const server = await serveErrors(app, errors)
  return { app, rejection: () => server.rejection('/orders') }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const toUp = await proxy(up.url, 250)
  const toRefused = await proxy(`http://127.0.0.1:${refusedPort}`)
  const cases: HeldOutCase[] = []
  try {
    up.reply('hang')
    cases.push({
      library,
      what: 'the proxied upstream sends no headers within the reply.from timeout of 250 ms (FST_REPLY_FROM_GATEWAY_TIMEOUT "Gateway Timeout", statusCode 504, cause undici HeadersTimeoutError)',
      why: 'carries a status: 504, and the upstream was too slow',
      expect: { status: 504, retryable: true },
      error: await toUp.rejection(),
    })
    up.reply('reset')
    cases.push({
      library,
      what: 'the proxied upstream resets the connection (error whose own code is "ECONNRESET", "Connection Reset", statusCode 500, cause the raw "read ECONNRESET" Error)',
      why: `${WHY.reset} (recognised by its own code ECONNRESET, over the plugin's generic statusCode 500)`,
      expect: RESET,
      error: await toUp.rejection(),
    })
    up.reply('garbage')
    cases.push({
      library,
      what: 'the proxied upstream answers bytes that are not HTTP (FST_REPLY_FROM_INTERNAL_SERVER_ERROR with the parser message, statusCode 500, cause the undici HTTPParserError)',
      why: `${WHY.reset} (the plugin's statusCode 500 is its catch-all, not a decision)`,
      expect: RESET,
      error: await toUp.rejection(),
    })
    up.reply((_req, res) => {
      res.writeHead(999, { 'content-type': 'text/plain' })
      res.end('odd')
    })
    cases.push({
      library,
      what: 'the proxied upstream answers status 999, which Fastify refuses to send (FST_REPLY_FROM_BAD_GATEWAY "Bad Gateway", statusCode 502)',
      why: 'carries a status: 502, upstream answered badly',
      upstreamStatus: 999,
      expect: { status: 502, retryable: true },
      error: await toUp.rejection(),
    })
    cases.push({
      library,
      what: 'the proxied upstream refuses (FST_REPLY_FROM_INTERNAL_SERVER_ERROR "connect ECONNREFUSED 127.0.0.1:…", statusCode 500, cause the ECONNREFUSED Error)',
      why: `${WHY.refused} (the plugin's statusCode 500 is its catch-all, not a decision)`,
      expect: REFUSED,
      error: await toRefused.rejection(),
    })
    return cases
  } finally {
    await toUp.app.close()
    await toRefused.app.close()
    await up.close()
  }
}
