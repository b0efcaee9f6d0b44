import { deflateSync, gzipSync } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@fastify/compress'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  // Request decompression on every route (global), gzip and br only; the route turns response
  // compression off.
  await app.register(fastifyCompress, { requestEncodings: ['gzip', 'br'] })
  const errors: unknown[] = []
  app.setErrorHandler((error, _request, reply) => {
    errors.push(error)
    void reply.code(599).send()
  })
  app.post('/events', { compress: false }, async (request) => ({ got: request.body }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const json = Buffer.from(JSON.stringify({ type: 'signup', user: 'ada' }))
  const rejection = async (encoding: string, body: Buffer) => {
    const before = errors.length
    const res = await fetch(`http://127.0.0.1:${address.port}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: new Uint8Array(body),
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${encoding} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a POST with Content-Encoding: deflate where only gzip and br are accepted (FastifyCompressError FST_CP_ERR_INVALID_CONTENT_ENCODING, statusCode 415)',
        why: "unsupported media type of our client's request: 415 (the status it carries)",
        expect: { status: 415 },
        error: await rejection('deflate', deflateSync(json)),
      },
      {
        library,
        what: 'a POST with Content-Encoding: compress, an encoding the plugin does not know (FST_CP_ERR_INVALID_CONTENT_ENCODING, 415)',
        why: "unsupported media type of our client's request: 415 (the status it carries)",
        expect: { status: 415 },
        error: await rejection('compress', json),
      },
      {
        library,
        what: 'a POST labelled Content-Encoding: gzip whose body is plain JSON (the zlib error, with FST_CP_ERR_INVALID_CONTENT and statusCode 400 copied onto it)',
        why: 'malformed request syntax: a body that does not decode, 400 (the status it carries)',
        expect: { status: 400 },
        error: await rejection('gzip', json),
      },
      {
        library,
        what: 'a POST labelled Content-Encoding: br whose body is gzip (brotli decode error, FST_CP_ERR_INVALID_CONTENT copied onto it)',
        why: 'malformed request syntax: a body that does not decode, 400 (the status it carries)',
        expect: { status: 400 },
        error: await rejection('br', gzipSync(json)),
      },
      {
        library,
        what: 'a gzip body cut short after 20 bytes (truncated stream: the zlib error, FST_CP_ERR_INVALID_CONTENT copied onto it)',
        why: 'malformed request syntax: a body that does not decode, 400 (the status it carries)',
        expect: { status: 400 },
        error: await rejection('gzip', gzipSync(json).subarray(0, 20)),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}
