// node-jose: our API verifies signed (JWS) and encrypted (JWE) tokens the client sends, with our
// keystore, and signs/encrypts with keys loaded from our config.
import jose from 'node-jose'
import { type HeldOutCase, rejectionOf } from '../case.js'

const library = 'node-jose'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const keystore = jose.JWK.createKeyStore()
  const ours = await keystore.generate('EC', 'P-256', { kid: 'api-2026', use: 'sig', alg: 'ES256' })
  const enc = await keystore.generate('oct', 256, { kid: 'cookie-2026', use: 'enc', alg: 'A256GCMKW' })
  const other = await jose.JWK.createKey('EC', 'P-256', { kid: 'api-2026', use: 'sig', alg: 'ES256' })
  const otherEnc = await jose.JWK.createKey('oct', 256, { kid: 'cookie-2026', use: 'enc', alg: 'A256GCMKW' })
  const payload = JSON.stringify({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 300 })
  const verify = (token: string) => jose.JWS.createVerify(keystore).verify(token)

  const forged = (await jose.JWS.createSign({ format: 'compact' }, other)
    .update(payload)
    .final()) as unknown as string
  cases.push({
    library,
    what: 'bearer token signed by another key under our kid: Error "no key found" (no key of the keystore verifies it)',
    why: 'auth: invalid token: 401',
    expect: { status: 401 },
    error: await rejectionOf(() => verify(forged)),
  })

  const unknownKid = (await jose.JWS.createSign({ format: 'compact', fields: { kid: 'retired-2019' } }, {
    key: other,
    reference: false,
  } as unknown as jose.JWK.Key)
    .update(payload)
    .final()) as unknown as string
  cases.push({
    library,
    what: 'bearer token with a kid our keystore does not have: Error "no key found"',
    why: 'auth: invalid token: 401',
    expect: { status: 401 },
    error: await rejectionOf(() => verify(unknownKid)),
  })

  cases.push({
    library,
    what: 'Authorization header "Bearer null" (not a JWS): SyntaxError "Unexpected token … is not valid JSON" while decoding the header',
    why: 'auth: invalid token: 401 (ambiguous: a JSON SyntaxError, could read as 400 malformed syntax)',
    expect: { status: 401 },
    error: await rejectionOf(() => verify('null')),
  })

  const cookie = (await jose.JWE.createEncrypt({ format: 'compact' }, otherEnc)
    .update(payload)
    .final()) as unknown as string
  cases.push({
    library,
    what: 'encrypted session cookie made with a key that is not ours: JWE decrypt Error "no key found"',
    why: 'auth: invalid token (forged cookie): 401',
    expect: { status: 401 },
    error: await rejectionOf(() => jose.JWE.createDecrypt(keystore).decrypt(cookie)),
  })

  cases.push({
    library,
    what: 'our signing key from config is a PEM that does not parse: JWK.asKey Error "Too few bytes to read ASN.1 value."',
    why: 'our own misconfiguration: 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      jose.JWK.asKey('-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----', 'pem'),
    ),
  })

  cases.push({
    library,
    what: 'our config JWKS entry is a JSON key of an unknown kty: JWK.asKey Error "unsupported key type"',
    why: 'our own misconfiguration: 500',
    expect: { status: 500 },
    error: await rejectionOf(() => jose.JWK.asKey({ kty: 'XYZ', k: 'abc' })),
  })

  const publicOnly = await jose.JWK.asKey(ours.toJSON())
  cases.push({
    library,
    what: 'we loaded only the public half of our signing key and tried to sign a token with it: Error "unsupported algorithm"',
    why: 'our own misconfiguration: 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      jose.JWS.createSign({ format: 'compact' }, publicOnly).update(payload).final(),
    ),
  })

  cases.push({
    library,
    what: 'we asked to encrypt with an algorithm our oct key cannot do (RSA-OAEP): Error "unsupported algorithm"',
    why: 'our own bug: 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      jose.JWE.createEncrypt({ format: 'compact', fields: { alg: 'RSA-OAEP' } }, enc)
        .update(payload)
        .final(),
    ),
  })
  return cases
}
