import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as Iron from '@hapi/iron'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@hapi/iron'

// A server that keeps its session in a sealed cookie (as hapi's cookie auth does) and unseals the
// cookie of every request; an unseal that throws is caught and kept, as the app's error handler
// would see it.
const passwords = { current: { id: '2', secret: 'the-current-password-of-32-chars-or-more' } }

export const collect: Collect = async () => {
  const caught: unknown[] = []
  let sealPassword: Iron.Password = passwords.current.secret
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const run = async () => {
      if (req.url === '/login') {
        const seal = await Iron.seal({ user: 'alice' }, sealPassword, Iron.defaults)
        res.setHeader('set-cookie', `sid=${seal}`)
        return res.end('ok')
      }
      const cookie = /sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
      const session = await Iron.unseal(
        cookie,
        { [passwords.current.id]: passwords.current.secret },
        Iron.defaults,
      )
      res.end(JSON.stringify(session))
    }
    run().catch((error: unknown) => {
      caught.push(error)
      res.statusCode = 599
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, cookie?: string) => {
    const before = caught.length
    const res = await fetch(`${base}${path}`, cookie ? { headers: { cookie: `sid=${cookie}` } } : {})
    await res.arrayBuffer()
    if (caught.length !== before + 1) throw new Error(`no error for ${path}`)
    return caught[before]
  }
  const sealed = (object: unknown, options: Iron.SealOptions = Iron.defaults) =>
    Iron.seal(object, { id: passwords.current.id, secret: passwords.current.secret }, options)

  const cases: HeldOutCase[] = []
  try {
    const good = await sealed({ user: 'alice' })
    const tampered = good.replace(/\*[^*]+$/, '*AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    cases.push({
      library,
      what: 'a session cookie whose seal the client edited: Boom "Bad hmac value" (a Boom with the default 500)',
      why: 'client’s invalid session credential: 401; ambiguous: the Boom carries 500 by default, not a status anyone chose',
      expect: { status: 401 },
      error: await rejection('/me', tampered),
    })

    // Sealed an hour ago with a one-minute ttl (past the default 60 s clock skew).
    const shortLived = await sealed(
      { user: 'alice' },
      { ...Iron.defaults, ttl: 60_000, localtimeOffsetMsec: -3_600_000 },
    )
    cases.push({
      library,
      what: 'a session cookie sealed an hour ago with a one-minute ttl: Boom "Expired seal"',
      why: 'client’s expired session credential: 401',
      expect: { status: 401 },
      error: await rejection('/me', shortLived),
    })

    cases.push({
      library,
      what: 'a session cookie that is not a seal at all: Boom "Incorrect number of sealed components"',
      why: 'client’s invalid session credential: 401',
      expect: { status: 401 },
      error: await rejection('/me', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.'),
    })

    cases.push({
      library,
      what: 'a session cookie sealed under password id 1, which we rotated out: Boom "Cannot find password: 1"',
      why: 'client’s stale session credential (key rotated): 401',
      expect: { status: 401 },
      error: await rejection(
        '/me',
        await Iron.seal(
          { user: 'alice' },
          { id: '1', secret: 'the-previous-password-of-32-chars-or-more' },
          Iron.defaults,
        ),
      ),
    })

    cases.push({
      library,
      what: 'a session cookie with the Fe26.1 prefix of an older iron: Boom "Wrong mac prefix"',
      why: 'client’s invalid session credential: 401',
      expect: { status: 401 },
      error: await rejection('/me', good.replace(/^Fe26\.2/, 'Fe26.1')),
    })

    sealPassword = 'dev-password'
    cases.push({
      library,
      what: 'login seals with our 12-character password: Boom "Password string too short (min 32 characters required)"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/login'),
    })

    sealPassword = process.env.V_UNSET_COOKIE_PASSWORD ?? ''
    cases.push({
      library,
      what: 'login seals with an empty password (env var unset): Boom "Empty password"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/login'),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
