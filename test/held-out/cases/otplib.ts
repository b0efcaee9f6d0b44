import express from 'express'
import { generateSecret, verify } from 'otplib'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'otplib'

// The second-factor step of a login: POST /2fa { user, code } checks the code against the user's
// stored TOTP secret.
export const collect: Collect = async () => {
  const good = generateSecret()
  const users: Record<string, { secret: string; algorithm?: string; epochTolerance?: number }> = {
    alice: { secret: good },
    // Migrated from an old system: an 8-character secret (5 bytes).
    bob: { secret: 'JBSWY3DP' },
    // A row whose secret column was never filled.
    carol: { secret: '' },
    // A secret corrupted by a bad export (not Base32).
    dave: { secret: 'not-base32-!!!' },
    // Our per-user config names an algorithm the crypto plugin does not have.
    erin: { secret: good, algorithm: 'md5' },
    // Our config allows a whole day of clock drift.
    frank: { secret: good, epochTolerance: 86_400 },
  }
  const app = express()
  app.use(express.json())
  app.post('/2fa', async (req, res) => {
    const { user, code } = req.body as { user: string; code: string }
    const row = users[user]!
    const result = await verify({
      secret: row.secret,
      token: code,
      ...(row.algorithm ? { algorithm: row.algorithm as 'sha1' } : {}),
      ...(row.epochTolerance ? { epochTolerance: row.epochTolerance } : {}),
    })
    if (!result.valid) return res.status(401).json({ error: 'invalid code' })
    res.json({ ok: true })
  })
  const { rejection, close } = await serveErrors(app)
  const post = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'the client sent a 5-digit code: TokenLengthError "Token must be 6 digits, got 5"',
      why: 'the client’s invalid second-factor credential: 401; arguably 400 (malformed input), auth fits better',
      expect: { status: 401 },
      error: await rejection('/2fa', post({ user: 'alice', code: '12345' })),
    })
    cases.push({
      library,
      what: 'the client sent "12a456": TokenFormatError "Token must contain only digits"',
      why: 'the client’s invalid second-factor credential: 401; arguably 400 (malformed input)',
      expect: { status: 401 },
      error: await rejection('/2fa', post({ user: 'alice', code: '12a456' })),
    })
    cases.push({
      library,
      what: 'the stored secret of a migrated user is 5 bytes: SecretTooShortError "Secret must be at least 16 bytes (128 bits), got 5 bytes"',
      why: 'our own stored data/config: 500',
      expect: { status: 500 },
      error: await rejection('/2fa', post({ user: 'bob', code: '123456' })),
    })
    cases.push({
      library,
      what: 'the stored secret is empty: SecretMissingError "Secret is required. Use generateSecret() to create one…"',
      why: 'our own stored data: 500',
      expect: { status: 500 },
      error: await rejection('/2fa', post({ user: 'carol', code: '123456' })),
    })
    cases.push({
      library,
      what: 'the stored secret is not Base32: a plain Error from the Base32 plugin (@scure/base) "Invalid Base32 string: Unknown letter "-"…"',
      why: 'our own stored data is corrupt: 500',
      expect: { status: 500 },
      error: await rejection('/2fa', post({ user: 'dave', code: '123456' })),
    })
    cases.push({
      library,
      what: 'our config asks for md5: AlgorithmUnsupportedError "Unsupported hash algorithm."',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/2fa', post({ user: 'erin', code: '123456' })),
    })
    cases.push({
      library,
      what: 'our config allows 86400 s of drift: EpochToleranceTooLargeError "Epoch tolerance must not exceed 2940 seconds, got 172800…"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/2fa', post({ user: 'frank', code: '123456' })),
    })
    return cases
  } finally {
    await close()
  }
}
