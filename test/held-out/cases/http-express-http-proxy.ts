import express from 'express'
import proxy from 'express-http-proxy'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'express-http-proxy'

export const collect: Collect = async () => {
  const upstream = await startUpstream()
  const refused = await closedPort()

  // The error that the middleware chain passes to next(err), per request.
  const app = express()
  app.use('/api', proxy(upstream.url))
  // Buffers the upstream's answer to rewrite it, as apps that decorate a proxied JSON body do.
  app.use('/rewrite', proxy(upstream.url, { userResDecorator: (_res, data: Buffer) => data }))
  app.use('/down', proxy(`http://127.0.0.1:${refused}`))
  const { rejection, close } = await serveErrors(app)

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'the proxied host refuses the connection: ECONNREFUSED passed to next(err)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejection('/down/orders'),
    })
    upstream.reply('garbage')
    cases.push({
      library,
      what: 'the proxied host answers bytes that are not HTTP: HPE_INVALID_CONSTANT parse error',
      why: WHY.reset,
      expect: RESET,
      error: await rejection('/api/orders'),
    })
    upstream.reply((_req, res) => {
      res.socket?.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      )
    })
    cases.push({
      library,
      what: 'the proxied host sends a broken chunked body to a decorated route: HPE_INVALID_CHUNK_SIZE',
      why: WHY.reset,
      expect: RESET,
      error: await rejection('/rewrite/orders'),
    })
    return cases
  } finally {
    await close()
    await upstream.close()
  }
}
