import { createHash, createHmac, createSecretKey } from 'node:crypto'
import signature from 'messagebird/lib/signature.js'
import { ExpressMiddlewareVerify, verify } from 'messagebird/lib/webhook-signature-jwt.js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'messagebird'

// The webhook helpers only: the API client always calls https://rest.messagebird.com, which no option moves.
const SECRET = 'webhook-signing-key-of-our-account'
const URL_ = 'https://hooks.example.com/messagebird/sms?reference=order-1042'
const BODY = Buffer.from(JSON.stringify({ id: 'e8077d803532c0b5937c639b60216938', status: 'delivered' }))
const FORGED = "forged webhook signature: the client's request fails authentication: 401"

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** An HS256 Signature-JWT as MessageBird sends it in the MessageBird-Signature-JWT header. */
function signatureJwt(claims: Record<string, unknown>, secret = SECRET): string {
  const now = Math.floor(Date.now() / 1000)
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const body = b64url(
    JSON.stringify({
      iss: 'MessageBird',
      nbf: now - 1,
      iat: now - 1,
      exp: now + 60,
      jti: 'b1f1a3d0-8e57-4b7a-bb43-7c7a5b7e8b7a',
      url_hash: sha256(URL_),
      payload_hash: sha256(BODY),
      ...claims,
    }),
  )
  const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')
  return `${head}.${body}.${mac}`
}

/** What an Express-style middleware passes to next(). */
function nextError(run: (next: (err?: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    run((err) => (err === undefined ? reject(new Error('expected next(err)')) : resolve(err)))
  })
}

export const collect: Collect = async () => {
  const key = createSecretKey(Buffer.from(SECRET, 'utf8'))
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)

  add(
    'Signature-JWT webhook signed with another key (forged); verify() rejects',
    FORGED,
    { status: 401 },
    await rejectionOf(() => verify(URL_, BODY, signatureJwt({}, 'an-attacker-key'), key)),
  )

  const past = Math.floor(Date.now() / 1000) - 3600
  add(
    'Signature-JWT webhook replayed an hour later (exp in the past); verify() rejects',
    FORGED,
    { status: 401 },
    await rejectionOf(() =>
      verify(URL_, BODY, signatureJwt({ iat: past - 60, nbf: past - 60, exp: past }), key),
    ),
  )

  const tampered = Buffer.from(JSON.stringify({ id: 'e8077d803532c0b5937c639b60216938', status: 'failed' }))
  add(
    'a validly signed Signature-JWT whose payload_hash does not match the (tampered) body; verify() rejects',
    FORGED,
    { status: 401 },
    await rejectionOf(() => verify(URL_, tampered, signatureJwt({}), key)),
  )

  add(
    'a validly signed Signature-JWT sent to another URL than the one it was signed for; verify() rejects',
    FORGED,
    { status: 401 },
    await rejectionOf(() =>
      verify('https://hooks.example.com/messagebird/sms?reference=order-9', BODY, signatureJwt({}), key),
    ),
  )

  add(
    'the MessageBird-Signature-JWT header is not a JWT at all; verify() rejects',
    FORGED,
    { status: 401 },
    await rejectionOf(() => verify(URL_, BODY, 'not-a-jwt', key)),
  )

  add(
    'ExpressMiddlewareVerify got a webhook without the MessageBird-Signature-JWT header; it calls next(err)',
    "unsigned webhook: the client's request fails authentication: 401",
    { status: 401 },
    await nextError((next) =>
      ExpressMiddlewareVerify(SECRET)(
        {
          headers: {},
          protocol: 'https',
          hostname: 'hooks.example.com',
          originalUrl: '/messagebird/sms',
          body: BODY,
        },
        {},
        next,
      ),
    ),
  )

  // The legacy request signature: HMAC-SHA256 over "timestamp\nsorted query\nsha256(body)".
  const legacy = signature(SECRET)
  const query = { reference: 'order-1042' }
  const legacySig = (timestamp: number) =>
    createHmac('sha256', SECRET)
      .update(
        Buffer.concat([
          Buffer.from(`${timestamp}\nreference=order-1042\n`),
          createHash('sha256').update(BODY).digest(),
        ]),
      )
      .digest('base64')
  const now = Math.floor(Date.now() / 1000)
  add(
    'legacy MessageBird-Signature that does not match the request (forged); the middleware calls next(err)',
    FORGED,
    { status: 401 },
    await nextError((next) =>
      legacy(
        {
          headers: {
            'messagebird-request-timestamp': String(now),
            'messagebird-signature': b64url('forged-signature'),
          },
          query,
          body: BODY,
        },
        {},
        next,
      ),
    ),
  )

  add(
    'legacy signed webhook without the MessageBird-Request-Timestamp header; the middleware calls next(err)',
    "unsigned webhook: the client's request fails authentication: 401",
    { status: 401 },
    await nextError((next) =>
      legacy({ headers: { 'messagebird-signature': legacySig(now) }, query, body: BODY }, {}, next),
    ),
  )

  add(
    'legacy webhook with a valid signature over a timestamp an hour old (replay); the middleware calls next(err)',
    FORGED,
    { status: 401 },
    await nextError((next) =>
      legacy(
        {
          headers: {
            'messagebird-request-timestamp': String(now - 3600),
            'messagebird-signature': legacySig(now - 3600),
          },
          query,
          body: BODY,
        },
        {},
        next,
      ),
    ),
  )
  return cases
}
