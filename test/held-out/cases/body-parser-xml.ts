import bodyParser from 'body-parser'
import bodyParserXml from 'body-parser-xml'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'body-parser-xml'

bodyParserXml(bodyParser)
// body-parser-xml adds `xml` to body-parser at run time; its types are not installed.
const xml = (bodyParser as unknown as { xml(options?: { limit?: string }): express.RequestHandler }).xml

export const collect: Collect = async () => {
  const app = express()
  app.use(xml({ limit: '1kb' }))
  app.post('/feeds', (_req, res) => {
    res.status(200).json({ ok: true })
  })
  const server = await serveErrors(app)
  const post = (body: string, contentType = 'application/xml') => ({
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'an XML body with an unclosed tag, parsed asynchronously by xml2js (Error "Unclosed root tag …", status 400 set by body-parser-xml)',
        why: 'malformed request syntax: body parse error, 400 (carries status 400)',
        expect: { status: 400 },
        error: await server.rejection('/feeds', post('<feed><entry>one</entry>')),
      },
      {
        library,
        what: 'an XML body with a mismatched close tag (Error "Unexpected close tag …", status 400)',
        why: 'malformed request syntax: body parse error, 400 (carries status 400)',
        expect: { status: 400 },
        error: await server.rejection('/feeds', post('<feed><a></b></feed>')),
      },
      {
        library,
        what: 'an XML body over limit 1kb (body-parser PayloadTooLargeError 413, type entity.too.large)',
        why: 'size: body too large, 413',
        expect: { status: 413 },
        error: await server.rejection('/feeds', post(`<feed>${'<entry>x</entry>'.repeat(200)}</feed>`)),
      },
      {
        library,
        what: 'an XML body in charset=klingon (body-parser UnsupportedMediaTypeError 415, type charset.unsupported)',
        why: 'size / type: unsupported media type, 415',
        expect: { status: 415 },
        error: await server.rejection('/feeds', post('<feed/>', 'application/xml; charset=klingon')),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
