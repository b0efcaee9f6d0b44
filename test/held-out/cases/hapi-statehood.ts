// @hapi/statehood: hapi's cookie parser and formatter, run in a node:http route on 127.0.0.1 on the
// Cookie header a client sent (and on the Set-Cookie the route builds). Each error is what the route
// threw, i.e. what the app's error handler receives.
import Statehood from '@hapi/statehood'
import type { HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = '@hapi/statehood'
const password = 'a-loopback-cookie-password-of-32+chars-AG'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const definitions = new Statehood.Definitions({ strictHeader: true, ignoreErrors: false })
  definitions.add('sid', { encoding: 'base64', sign: { password } })
  definitions.add('session', { encoding: 'iron', password })
  definitions.add('prefs', { encoding: 'base64json' })
  // The typings want an `options` member per cookie; the definitions above supply them at run time.
  const format = (cookie: object) =>
    (definitions.format as unknown as (c: object) => Promise<unknown>).call(definitions, cookie)
  definitions.add('theme', { encoding: 'none', isPartitioned: true, isSecure: false, isSameSite: 'Lax' })

  const server = await handlerServer(async (req) => {
    if (req.path === '/login') {
      // Our bug: the user's display name (with a space and a quote) is written raw into a cookie.
      return format({
        name: 'display',
        value: 'Ann "the admin" Lee',
        options: { encoding: 'none' },
      })
    }
    if (req.path === '/theme') {
      return format({ name: 'theme', value: 'dark' })
    }
    if (req.path === '/late-definition') {
      // Our bug: a route registers its cookie on each request, with a password that is not a string.
      definitions.add(`cart${req.query.get('n') ?? ''}`, { encoding: 'iron', password: 12345 as never })
      return 'added'
    }
    return (await definitions.parse(req.headers.cookie ?? '')).states
  })
  try {
    const signed = (await format({ name: 'sid', value: 'user-42' })) as unknown as string[]
    const sidValue = String(signed[0]).split(';')[0]!.slice('sid='.length)
    const sidSigned = sidValue.slice(sidValue.indexOf('.'))
    const forged = Buffer.from('user-1').toString('base64')
    const sealed = (await format({ name: 'session', value: { user: 42 } })) as unknown as string[]
    const sessionValue = String(sealed[0]).split(';')[0]!.slice('session='.length)
    const withCookie = (cookie: string) => server.caught('/me', { headers: { cookie } })

    cases.push({
      library,
      what: 'Cookie header with a cookie value holding a raw quote and backslash (`a="b\\\\"c`), strict header parsing: Boom 400 "Invalid cookie value" (reason "Invalid cookie value")',
      why: 'malformed request syntax (Cookie header)',
      expect: { status: 400 },
      error: await withCookie('a="b\\"c; theme=dark'),
    })
    cases.push({
      library,
      what: 'signed cookie `sid` whose value was edited by the client (base64 of user-42 replaced by base64 of user-1) with the HMAC kept: Boom 400 "Invalid cookie value" (reason "Invalid hmac value")',
      why: 'malformed request syntax (tampered signed cookie)',
      expect: { status: 400 },
      error: await withCookie(`sid=${forged}${sidSigned}`),
    })
    cases.push({
      library,
      what: 'signed cookie `sid` sent without its signature: Boom 400 "Invalid cookie value" (reason "Missing signature separator")',
      why: 'malformed request syntax (unsigned value for a signed cookie)',
      expect: { status: 400 },
      error: await withCookie(`sid=${forged}`),
    })
    cases.push({
      library,
      what: 'iron-sealed `session` cookie with a byte of its sealed payload changed: Boom 400 "Invalid cookie value" (iron "Bad hmac value")',
      why: 'malformed request syntax (tampered sealed cookie)',
      expect: { status: 400 },
      error: await withCookie(`session=${sessionValue.slice(0, 40)}X${sessionValue.slice(41)}`),
    })
    cases.push({
      library,
      what: 'base64json `prefs` cookie whose value is base64 of text that is not JSON: Boom 400 "Invalid cookie value" (reason "Invalid JSON payload")',
      why: 'malformed request syntax (cookie value does not decode)',
      expect: { status: 400 },
      error: await withCookie(`prefs=${Buffer.from('{dark: yes').toString('base64')}`),
    })
    cases.push({
      library,
      what: 'route formats a Set-Cookie whose value has a space and quotes: Boom 500 "Invalid cookie value: Ann \\"the admin\\" Lee"',
      why: 'our bug (the server built an invalid cookie)',
      expect: { status: 500 },
      error: await server.caught('/login'),
    })
    cases.push({
      library,
      what: 'cookie definition `theme` is partitioned but not secure, formatted for a response: Boom 500 "Partitioned cookies must be secure"',
      why: 'our misconfiguration',
      expect: { status: 500 },
      error: await server.caught('/theme'),
    })
    cases.push({
      library,
      what: 'route adds an iron cookie definition whose password is a number: ValidationError "Invalid state definition: cart1" from the definition schema',
      why: 'our misconfiguration (a ValidationError about our own options, not the client input)',
      expect: { status: 500 },
      error: await server.caught('/late-definition?n=1'),
    })
  } finally {
    await server.close()
  }
  return cases
}
