import express from 'express'
import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'libphonenumber-js'

export const collect: Collect = async () => {
  const app = express()
  app.use(express.json())
  // The route normalises the client's phone number; a parse failure is thrown to Express 5.
  app.post('/contacts', (req, res) => {
    const { phone, country } = req.body as { phone: string; country?: CountryCode }
    const parsed = parsePhoneNumberWithError(phone, country)
    res.json({ e164: parsed.number })
  })
  const server = await serveErrors(app)
  const post = (body: object) =>
    server.rejection('/contacts', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a phone field "call me maybe" (country US): ParseError whose message is "NOT_A_NUMBER"',
        why: 'malformed value in the request (cannot be parsed, like a CastError): 400',
        expect: { status: 400 },
        error: await post({ phone: 'call me maybe', country: 'US' }),
      },
      {
        library,
        what: 'a national number "213 373 4253" without +country and without a country field: ParseError "INVALID_COUNTRY"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await post({ phone: '213 373 4253' }),
      },
      {
        library,
        what: 'a phone field "+1 2": ParseError "TOO_SHORT"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await post({ phone: '+1 2' }),
      },
      {
        library,
        what: 'a phone field of 24 digits after +44: ParseError "TOO_LONG"',
        why: 'malformed value in the request: 400',
        expect: { status: 400 },
        error: await post({ phone: '+44 20 7946 0958 1234 5678 99' }),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
