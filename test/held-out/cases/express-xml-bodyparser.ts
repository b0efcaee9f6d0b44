import express from 'express'
import xmlparser from 'express-xml-bodyparser'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-xml-bodyparser'

const xml = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/xml' },
  body,
})

export const collect: Collect = async () => {
  const app = express()
  app.post('/orders', xmlparser(), (_req, res) => {
    res.json({ ok: true })
  })
  const server = await serveErrors(app)
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'an XML body whose root element is never closed (xml2js Error "Unclosed root tag", given status 400)',
      why: 'malformed request syntax (a body parse error), carried status 400',
      expect: { status: 400 },
      error: await server.rejection('/orders', xml('<order><id>1</id>')),
    })
    cases.push({
      library,
      what: 'a body labelled application/xml that is not XML (xml2js Error "Non-whitespace before first tag", status 400)',
      why: 'malformed request syntax (a body parse error), carried status 400',
      expect: { status: 400 },
      error: await server.rejection('/orders', xml('order=1&qty=2')),
    })
    cases.push({
      library,
      what: 'a mismatched closing tag (xml2js Error "Unexpected close tag", status 400)',
      why: 'malformed request syntax (a body parse error), carried status 400',
      expect: { status: 400 },
      error: await server.rejection('/orders', xml('<order><id>1</qty></order>')),
    })
    cases.push({
      library,
      what: 'a whitespace-only XML body (plain Error "Length Required" with status 411)',
      why: 'error that carries a status made for our answer: 411',
      expect: { status: 411 },
      error: await server.rejection('/orders', xml('   \n  ')),
    })
    return cases
  } finally {
    await server.close()
  }
}
