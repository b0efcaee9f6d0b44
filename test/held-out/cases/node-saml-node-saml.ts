// @node-saml/node-saml: our SAML service provider's ACS endpoint (the browser POSTs SAMLResponse),
// and our own SP setup. The IdP's signing certificate is made with openssl in a temp dir.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SAML, type SamlConfig } from '@node-saml/node-saml'
import { SignedXml } from 'xml-crypto'
import { type HeldOutCase, rejectionOf } from '../case.js'

const library = '@node-saml/node-saml'

function keyPair(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`)
  const cert = join(dir, `${name}.crt`)
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '3650',
      '-subj',
      `/CN=${name}`,
    ],
    { stdio: 'ignore' },
  )
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') }
}

const iso = (ms: number) => new Date(Date.now() + ms).toISOString()

function response(opts: {
  audience?: string
  notOnOrAfter?: string
  inResponseTo?: string
  status?: string
}): string {
  const status = opts.status ?? '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'
  const irt = opts.inResponseTo ? ` InResponseTo="${opts.inResponseTo}"` : ''
  const assertion =
    opts.status === undefined
      ? `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="${iso(-60_000)}">` +
        '<saml:Issuer>https://idp.shop.test</saml:Issuer>' +
        `<saml:Subject><saml:NameID>alice@shop.test</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${opts.notOnOrAfter ?? iso(300_000)}" Recipient="http://127.0.0.1/saml/acs"/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${iso(-120_000)}" NotOnOrAfter="${opts.notOnOrAfter ?? iso(300_000)}"><saml:AudienceRestriction><saml:Audience>${opts.audience ?? 'urn:shop:sp'}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${iso(-60_000)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        '</saml:Assertion>'
      : ''
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="${iso(-60_000)}" Destination="http://127.0.0.1/saml/acs"${irt}>` +
    '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.shop.test</saml:Issuer>' +
    `<samlp:Status>${status}</samlp:Status>${assertion}</samlp:Response>`
  )
}

function sign(xml: string, key: string, cert: string): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  })
  sig.addReference({
    xpath: "/*[local-name()='Response']",
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  })
  sig.computeSignature(xml, {
    location: { reference: "/*[local-name()='Response']/*[local-name()='Issuer']", action: 'after' },
  })
  return sig.getSignedXml()
}

const post = (xml: string) => ({ SAMLResponse: Buffer.from(xml).toString('base64') })

export async function collect(): Promise<HeldOutCase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-saml-'))
  const cases: HeldOutCase[] = []
  try {
    const idp = keyPair(dir, 'idp')
    const attacker = keyPair(dir, 'attacker')
    const config: SamlConfig = {
      callbackUrl: 'http://127.0.0.1/saml/acs',
      entryPoint: 'https://idp.shop.test/sso',
      issuer: 'urn:shop:sp',
      audience: 'urn:shop:sp',
      idpCert: idp.cert,
      wantAuthnResponseSigned: true,
      wantAssertionsSigned: false,
    }
    const sp = new SAML(config)

    cases.push({
      library,
      what: 'the browser posted an unsigned (forged) SAMLResponse: Error "Invalid document signature"',
      why: 'auth: invalid credential (forged assertion): 401',
      expect: { status: 401 },
      error: await rejectionOf(() => sp.validatePostResponseAsync(post(response({})))),
    })

    cases.push({
      library,
      what: 'SAMLResponse signed with a key that is not our IdP\'s: Error "Invalid document signature"',
      why: 'auth: invalid credential (bad signature): 401',
      expect: { status: 401 },
      error: await rejectionOf(() =>
        sp.validatePostResponseAsync(post(sign(response({}), attacker.key, attacker.cert))),
      ),
    })

    cases.push({
      library,
      what: 'a validly signed assertion replayed after it expired: Error "SAML assertion expired: clocks skewed too much"',
      why: 'auth: expired credential: 401',
      expect: { status: 401 },
      error: await rejectionOf(() =>
        sp.validatePostResponseAsync(
          post(sign(response({ notOnOrAfter: iso(-600_000) }), idp.key, idp.cert)),
        ),
      ),
    })

    cases.push({
      library,
      what: 'a validly signed assertion issued for another service provider: Error "SAML assertion audience mismatch…"',
      why: 'auth: credential not for us: 401',
      expect: { status: 401 },
      error: await rejectionOf(() =>
        sp.validatePostResponseAsync(post(sign(response({ audience: 'urn:other:app' }), idp.key, idp.cert))),
      ),
    })

    cases.push({
      library,
      what: 'IdP sent back status AuthnFailed (signed, the user failed to log in there): SamlStatusError "SAML provider returned Responder error: AuthnFailed"',
      why: "auth: the user is not authenticated: 401 (ambiguous: an IdP status, but the user's failure)",
      expect: { status: 401 },
      error: await rejectionOf(() =>
        sp.validatePostResponseAsync(
          post(
            sign(
              response({
                status:
                  '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>',
              }),
              idp.key,
              idp.cert,
            ),
          ),
        ),
      ),
    })

    cases.push({
      library,
      what: 'SAMLResponse field is base64 of something that is not XML: Error from the XML parser',
      why: 'malformed request syntax: 400',
      expect: { status: 400 },
      error: await rejectionOf(() => sp.validatePostResponseAsync({ SAMLResponse: 'bm90IHhtbCBhdCBhbGw=' })),
    })

    cases.push({
      library,
      what: 'a POST to the ACS without a SAMLResponse field: TypeError ERR_INVALID_ARG_TYPE from Buffer.from',
      why: 'malformed request (required field missing): 400; ambiguous, a TypeError',
      expect: { status: 400 },
      error: await rejectionOf(() => sp.validatePostResponseAsync({} as { SAMLResponse: string })),
    })

    const strict = new SAML({ ...config, validateInResponseTo: 'always' } as SamlConfig)
    cases.push({
      library,
      what: 'an unsolicited response (no InResponseTo) while we require one: Error "InResponseTo is missing from response"',
      why: 'auth: assertion not for a request of ours: 401',
      expect: { status: 401 },
      error: await rejectionOf(() =>
        strict.validatePostResponseAsync(post(sign(response({}), idp.key, idp.cert))),
      ),
    })

    let thrown: unknown
    try {
      new SAML({ ...config, idpCert: '' })
    } catch (error) {
      thrown = error
    }
    cases.push({
      library,
      what: 'SP set up with an empty idpCert (unset env var): TypeError "idpCert is required"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: thrown,
    })

    const badCert = new SAML({ ...config, idpCert: 'MIIC…copied from the admin console…' })
    cases.push({
      library,
      what: 'idpCert pasted wrongly: TypeError "idpCert is not in PEM format or in base64 format" at the first login',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        badCert.validatePostResponseAsync(post(sign(response({}), idp.key, idp.cert))),
      ),
    })

    const signing = new SAML({
      ...config,
      privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
    })
    cases.push({
      library,
      what: 'signing our AuthnRequest with a broken private key: Error ERR_OSSL_UNSUPPORTED "DECODER routines::unsupported" while building the login redirect',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => signing.getAuthorizeUrlAsync('', '127.0.0.1', {})),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
