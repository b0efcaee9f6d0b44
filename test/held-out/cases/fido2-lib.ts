// fido2-lib: our passkey endpoints (register: attestationResult; login: assertionResult), fed
// authenticator responses built here with a real P-256 key (CBOR by hand, "none" attestation).
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { Fido2Lib } from 'fido2-lib'
import { type HeldOutCase, rejectionOf } from '../case.js'

const library = 'fido2-lib'

/** The CBOR subset WebAuthn needs: small ints, strings, byte strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) =>
    n < 24
      ? Buffer.from([(major << 5) | n])
      : n < 256
        ? Buffer.from([(major << 5) | 24, n])
        : Buffer.from([(major << 5) | 25, n >> 8, n & 255])
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value)
  if (typeof value === 'string') {
    const bytes = Buffer.from(value)
    return Buffer.concat([head(3, bytes.length), bytes])
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value])
  if (value instanceof Map)
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])])
  throw new TypeError('not encodable')
}

const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const rpId = 'shop.test'
  const origin = 'https://shop.test'
  const f2l = new Fido2Lib({
    timeout: 60_000,
    rpId,
    rpName: 'Shop',
    challengeSize: 64,
    attestation: 'none',
    cryptoParams: [-7],
  })

  // The authenticator: a P-256 credential.
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const credId = Buffer.from('cred-0001')
  const cose = cbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  )
  const rpHash = createHash('sha256').update(rpId).digest()
  const authData = (flags: number, attested: boolean) =>
    Buffer.concat([
      rpHash,
      Buffer.from([flags]),
      Buffer.from([0, 0, 0, 1]),
      ...(attested ? [Buffer.alloc(16), Buffer.from([0, credId.length]), credId, cose] : []),
    ])
  const attestationObject = cbor(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData(0x45, true)],
    ]),
  )
  const clientData = (o: object) => Buffer.from(JSON.stringify(o))

  const options = await f2l.attestationOptions()
  const challenge = Buffer.from(options.challenge).toString('base64url')
  const expected = () => ({ challenge, origin, factor: 'either' as const })
  const register = (data: object) =>
    f2l.attestationResult(
      {
        id: ab(credId),
        rawId: ab(credId),
        response: { clientDataJSON: ab(clientData(data)), attestationObject: ab(attestationObject) },
      } as any,
      expected(),
    )

  cases.push({
    library,
    what: 'passkey registration made on another origin (phishing page): Error "clientData origin did not match expected origin"',
    why: "the client's bad input: 400 (ambiguous: a failed proof, no policy row; not an authentication)",
    expect: { status: 400 },
    error: await rejectionOf(() =>
      register({ type: 'webauthn.create', challenge, origin: 'https://shop-login.evil.test' }),
    ),
  })

  cases.push({
    library,
    what: 'passkey registration answering a stale challenge: Error "clientData challenge mismatch"',
    why: "the client's bad input: 400",
    expect: { status: 400 },
    error: await rejectionOf(() =>
      register({ type: 'webauthn.create', challenge: 'c3RhbGUtY2hhbGxlbmdl', origin }),
    ),
  })

  cases.push({
    library,
    what: 'a login assertion posted to the registration endpoint: Error "clientData type should be \'webauthn.create\', got: webauthn.get"',
    why: "the client's bad input: 400",
    expect: { status: 400 },
    error: await rejectionOf(() => register({ type: 'webauthn.get', challenge, origin })),
  })

  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string
  const loginData = authData(0x05, false)
  const loginClientData = clientData({ type: 'webauthn.get', challenge, origin })
  const assertion = (signature: Buffer) => ({
    id: ab(credId),
    rawId: ab(credId),
    response: {
      clientDataJSON: ab(loginClientData),
      authenticatorData: ab(loginData),
      signature: ab(signature),
      userHandle: null,
    },
  })
  const login = (signature: Buffer, stored: { publicKey: string; prevCounter: number }) =>
    f2l.assertionResult(assertion(signature) as any, {
      challenge,
      origin,
      factor: 'either',
      userHandle: null,
      ...stored,
    })
  const good = sign(
    'sha256',
    Buffer.concat([loginData, createHash('sha256').update(loginClientData).digest()]),
    privateKey,
  )

  cases.push({
    library,
    what: 'passkey login with a signature over other data: Error "signature validation failed"',
    why: 'auth: invalid credential: 401',
    expect: { status: 401 },
    error: await rejectionOf(() =>
      login(sign('sha256', Buffer.from('other data'), privateKey), { publicKey: pem, prevCounter: 0 }),
    ),
  })

  cases.push({
    library,
    what: 'passkey login whose signature counter went backwards (cloned authenticator): Error "counter rollback detected"',
    why: 'auth: credential rejected: 401 (ambiguous: could be 403)',
    expect: { status: 401 },
    error: await rejectionOf(() => login(good, { publicKey: pem, prevCounter: 5 })),
  })

  cases.push({
    library,
    what: 'the public key we stored for the credential is not PEM (our migration broke it): Error "expected publicKey to be in PEM format"',
    why: 'our own bug (bad stored data): 500',
    expect: { status: 500 },
    error: await rejectionOf(() => login(good, { publicKey: jwk.x!, prevCounter: 0 })),
  })

  cases.push({
    library,
    what: 'our expected origin is configured without a scheme: TypeError ERR_INVALID_URL "Invalid URL"',
    why: 'our own misconfiguration: 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      f2l.attestationResult(
        {
          id: ab(credId),
          rawId: ab(credId),
          response: {
            clientDataJSON: ab(clientData({ type: 'webauthn.create', challenge, origin })),
            attestationObject: ab(attestationObject),
          },
        } as any,
        { challenge, origin: 'shop.test', factor: 'either' },
      ),
    ),
  })

  let thrown: unknown
  try {
    new Fido2Lib({ timeout: -1, rpId })
  } catch (error) {
    thrown = error
  }
  cases.push({
    library,
    what: 'Fido2Lib set up with a negative timeout: RangeError "timeout should be zero or positive integer"',
    why: 'our own misconfiguration: 500',
    expect: { status: 500 },
    error: thrown,
  })
  return cases
}
