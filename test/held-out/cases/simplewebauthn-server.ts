import {
  type AuthenticationResponseJSON,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import express from 'express'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { caseAdder } from './support/http-matrix.js'

const library = '@simplewebauthn/server'

const ORIGIN = 'https://app.example.test'
const RP_ID = 'app.example.test'
const CHALLENGE = 'Y2hhbGxlbmdlLWlzc3VlZC10by10aGlzLXNlc3Npb24'

const b64url = (text: string) => Buffer.from(text).toString('base64url')
const clientData = (over: Record<string, unknown> = {}) =>
  b64url(
    JSON.stringify({
      type: 'webauthn.create',
      challenge: CHALLENGE,
      origin: ORIGIN,
      crossOrigin: false,
      ...over,
    }),
  )

/** A registration response as a browser posts it; `over` replaces fields. */
function attestation(
  over: Partial<Record<string, unknown>> = {},
  response: Record<string, unknown> = {},
): unknown {
  return {
    id: 'cred-AAECAwQFBgcICQ',
    rawId: 'cred-AAECAwQFBgcICQ',
    type: 'public-key',
    clientExtensionResults: {},
    ...over,
    response: {
      clientDataJSON: clientData(),
      attestationObject: b64url('not cbor at all'),
      transports: [],
      ...response,
    },
  }
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const app = express()
  app.use(express.json())
  // The registration-finish route of a passkey login: the browser's attestation goes to the library.
  app.post('/webauthn/register/finish', async (req, res) => {
    const result: VerifiedRegistrationResponse = await verifyRegistrationResponse({
      response: req.body as RegistrationResponseJSON,
      expectedChallenge: CHALLENGE,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    })
    res.json({ verified: result.verified })
  })
  // The login-finish route: the challenge check is the app's own function (a one-time challenge store).
  const used = new Set<string>([CHALLENGE])
  app.post('/webauthn/login/finish', async (req, res) => {
    const result = await verifyAuthenticationResponse({
      response: req.body as AuthenticationResponseJSON,
      expectedChallenge: (challenge) => !used.has(challenge),
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { id: 'cred-AAECAwQFBgcICQ', publicKey: new Uint8Array(77), counter: 3 },
    })
    res.json({ verified: result.verified })
  })
  const server = await serveErrors(app)
  const post = (body: unknown) =>
    server.rejection('/webauthn/register/finish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const malformed = 'malformed WebAuthn response in the incoming request: 400'
  const forged = 'the credential proof of the incoming request does not verify (replayed / forged): 401'
  try {
    add(
      "Express route: verifyAuthenticationResponse whose challenge the app's one-time challenge check rejects " +
        '(already used)',
      forged,
      { status: 401 },
      await server.rejection('/webauthn/login/finish', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'cred-AAECAwQFBgcICQ',
          rawId: 'cred-AAECAwQFBgcICQ',
          type: 'public-key',
          clientExtensionResults: {},
          response: {
            clientDataJSON: clientData({ type: 'webauthn.get' }),
            authenticatorData: b64url('x'.repeat(37)),
            signature: b64url('sig'),
          },
        }),
      }),
    )
    add(
      'Express route: verifyRegistrationResponse on a posted attestation without an id ("Missing credential ID")',
      malformed,
      { status: 400 },
      await post(attestation({ id: '' })),
    )
    add(
      'Express route: verifyRegistrationResponse where id is not base64url ("Credential ID was not base64url-encoded")',
      malformed,
      { status: 400 },
      await post(attestation({ id: 'cred+AAEC/AwQ=' })),
    )
    add(
      'Express route: verifyRegistrationResponse on a credential of type "password"',
      malformed,
      { status: 400 },
      await post(attestation({ type: 'password' })),
    )
    add(
      'Express route: verifyRegistrationResponse on an assertion (clientData type "webauthn.get") posted to the ' +
        'registration route',
      malformed,
      { status: 400 },
      await post(attestation({}, { clientDataJSON: clientData({ type: 'webauthn.get' }) })),
    )
    add(
      'Express route: verifyRegistrationResponse whose clientData challenge is not the one issued to this session ' +
        '(replayed ceremony)',
      forged,
      { status: 401 },
      await post(attestation({}, { clientDataJSON: clientData({ challenge: b64url('an-old-challenge') }) })),
    )
    add(
      'Express route: verifyRegistrationResponse whose clientData origin is a phishing site',
      forged,
      { status: 401 },
      await post(
        attestation({}, { clientDataJSON: clientData({ origin: 'https://app-example.phish.test' }) }),
      ),
    )
    add(
      'generateRegistrationOptions given a string userID (no longer supported: our server code is out of date)',
      'our own bug / misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() =>
        generateRegistrationOptions({
          rpName: 'Example',
          rpID: RP_ID,
          userName: 'ada@example.test',
          userID: 'user-1' as unknown as Uint8Array<ArrayBuffer>,
        }),
      ),
    )
  } finally {
    await server.close()
  }
  return cases
}
