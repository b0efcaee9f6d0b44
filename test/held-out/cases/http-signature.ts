import { createHmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { createRequire } from 'node:module'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'http-signature'

/** The part of http-signature's API that the middleware uses (the package has no types). */
interface HttpSignature {
  parseRequest(
    request: { headers: IncomingHttpHeaders; method: string; url: string; httpVersion: string },
    options?: {
      clockSkew?: number
      headers?: string[]
      algorithms?: string[]
      strict?: boolean
    },
  ): { keyId: string; algorithm: string; signingString: string }
  verifyHMAC(parsed: object, secret: unknown): boolean
}

const httpSignature = createRequire(import.meta.url)('http-signature') as HttpSignature

export const collect: Collect = async () => {
  // The app's keys: one HMAC key per client; key "k-lost" maps to a secret the config forgot.
  const secrets: Record<string, string | undefined> = {
    'k-1': 'shared-secret-of-client-1',
    'k-lost': undefined,
  }
  const app = express()
  // A middleware that authenticates each request by its HTTP Signature (draft-cavage), as the
  // package's README shows: parseRequest, then verifyHMAC with the client's secret.
  app.use((req, _res, next) => {
    try {
      const parsed = httpSignature.parseRequest(req, {
        clockSkew: 60,
        headers: ['date', '(request-target)'],
        algorithms: ['hmac-sha256'],
        strict: true,
      })
      if (!httpSignature.verifyHMAC(parsed, secrets[parsed.keyId])) {
        next(new Error('unreachable in this collector: signatures are never wrong here'))
        return
      }
      next()
    } catch (error) {
      next(error)
    }
  })
  app.get('/invoices', (_req, res) => {
    res.json({ ok: true })
  })
  const server = await serveErrors(app)

  const now = new Date().toUTCString()
  const sign = (
    keyId: string,
    date: string,
    headers = 'date (request-target)',
    algorithm = 'hmac-sha256',
  ) => {
    const signingString = headers
      .split(' ')
      .map((h) => (h === '(request-target)' ? `(request-target): get /invoices` : `${h}: ${date}`))
      .join('\n')
    const signature = createHmac('sha256', 'shared-secret-of-client-1').update(signingString).digest('base64')
    return `Signature keyId="${keyId}",algorithm="${algorithm}",headers="${headers}",signature="${signature}"`
  }
  const rejection = (headers: Record<string, string>) => server.rejection('/invoices', { headers })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a request without Authorization or Signature header: MissingHeaderError "no authorization or signature header present in the request"',
        why: 'auth: no credentials (401)',
        expect: { status: 401 },
        error: await rejection({ date: now }),
      },
      {
        library,
        what: 'signature parameters under the "Hmac" scheme instead of "Signature": InvalidHeaderError "scheme was not \\"Signature\\""',
        why: 'auth: credentials of the wrong kind (401)',
        expect: { status: 401 },
        error: await rejection({
          date: now,
          authorization: sign('k-1', now).replace(/^Signature /, 'Hmac '),
        }),
      },
      {
        library,
        what: 'a Signature header with a broken parameter list: InvalidHeaderError "bad param format"',
        why: 'auth: malformed credentials (401)',
        expect: { status: 401 },
        error: await rejection({ date: now, authorization: 'Signature keyId=k-1,algorithm' }),
      },
      {
        library,
        what: 'a signature made with hmac-sha1, outside the allowed algorithms: InvalidParamsError "hmac-sha1 is not a supported algorithm"',
        why: 'auth: invalid credentials (401)',
        expect: { status: 401 },
        error: await rejection({ date: now, authorization: sign('k-1', now, undefined, 'hmac-sha1') }),
      },
      {
        library,
        what: 'a request signed ten minutes ago (Date header outside the 60 s clock skew): ExpiredRequestError "clock skew of …s was greater than 60s"',
        why: 'auth: expired credentials (401)',
        expect: { status: 401 },
        error: await (async () => {
          const old = new Date(Date.now() - 600_000).toUTCString()
          return rejection({ date: old, authorization: sign('k-1', old) })
        })(),
      },
      {
        library,
        what: 'a signature that covers only "date", not the required (request-target): MissingHeaderError "(request-target) was not a signed header"',
        why: 'auth: invalid credentials (401)',
        expect: { status: 401 },
        error: await rejection({ date: now, authorization: sign('k-1', now, 'date') }),
      },
      {
        library,
        what: 'a signature with the pre-standard "request-line" pseudo-header under strict parsing: StrictParsingError "request-line is not a valid header with strict parsing enabled."',
        why: 'auth: malformed credentials (401)',
        expect: { status: 401 },
        error: await rejection({
          date: now,
          authorization: sign('k-1', now, 'request-line date (request-target)'),
        }),
      },
      {
        library,
        what: 'a valid request whose keyId maps to a secret missing from our config: the assert-plus check of verifyHMAC: AssertionError [ERR_ASSERTION] "undefined (true) is required"',
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error: await rejection({ date: now, authorization: sign('k-lost', now) }),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
