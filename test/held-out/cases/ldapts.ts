import ldap from 'ldapjs'
import { Attribute, Change, Client } from 'ldapts'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

type Next = (error?: unknown) => void
type Request = { dn: { toString(): string }; credentials?: string }
type Response = { end(): void }

export const collect: Collect = async () => {
  // A directory (ldapjs' server) with one service account and one user entry.
  const serviceDn = 'cn=app,ou=services,dc=example,dc=org'
  const users = new Set(['uid=alice,ou=users,dc=example,dc=org'])
  const server = ldap.createServer()
  server.bind(serviceDn, (req: Request, res: Response, next: Next) => {
    if (req.credentials !== 'current') return next(new ldap.InvalidCredentialsError())
    res.end()
    return next()
  })
  server.add('ou=users,dc=example,dc=org', (req: Request, res: Response, next: Next) => {
    const dn = req.dn.toString()
    if (users.has(dn)) return next(new ldap.EntryAlreadyExistsError())
    users.add(dn)
    res.end()
    return next()
  })
  server.modify('ou=users,dc=example,dc=org', (req: Request, res: Response, next: Next) => {
    if (!users.has(req.dn.toString())) return next(new ldap.NoSuchObjectError())
    res.end()
    return next()
  })
  // The service account may not delete entries.
  server.del('ou=users,dc=example,dc=org', (_req: Request, _res: Response, next: Next) =>
    next(new ldap.InsufficientAccessRightsError()),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = Number(new URL(server.url).port)
  const hanging = await hangingServer()
  const options = { connectTimeout: 300, timeout: 300 }
  const directory = new Client({ url: `ldap://127.0.0.1:${port}`, ...options })
  const clients = [directory]
  const at = (url: string): Client => {
    const client = new Client({ url, ...options })
    clients.push(client)
    return client
  }
  try {
    const bindFailure = await rejectionOf(() => directory.bind(serviceDn, 'stale'))
    await directory.bind(serviceDn, 'current')
    const refusedPort = await closedPort()
    const mail = new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'mail', values: ['bob@example.org'] }),
    })
    return [
      {
        library: 'ldapts',
        what: 'bind to a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => at(`ldap://127.0.0.1:${refusedPort}`).bind(serviceDn, 'current')),
      },
      {
        library: 'ldapts',
        what: 'the directory accepts TCP and never answers our bind: "BindRequest: Operation timed out"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => at(`ldap://127.0.0.1:${hanging.port}`).bind(serviceDn, 'current')),
      },
      {
        library: 'ldapts',
        what: 'the directory rejects our service account password: InvalidCredentialsError (result 49)',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: bindFailure,
      },
      {
        library: 'ldapts',
        what: 'add of a user entry whose DN exists: AlreadyExistsError (result 68)',
        why: 'conflict: the record exists (unique violation)',
        expect: { status: 409 },
        error: await rejectionOf(() =>
          directory.add('uid=alice,ou=users,dc=example,dc=org', { objectClass: 'person', uid: 'alice' }),
        ),
      },
      {
        library: 'ldapts',
        what: 'modify of a user entry that does not exist: NoSuchObjectError (result 32)',
        why: 'not found: the record to update does not exist',
        expect: { status: 404 },
        error: await rejectionOf(() => directory.modify('uid=bob,ou=users,dc=example,dc=org', mail)),
      },
      {
        library: 'ldapts',
        what: 'delete refused to our service account: InsufficientAccessError (result 50)',
        why: 'our own credentials lack rights at a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => directory.del('uid=alice,ou=users,dc=example,dc=org')),
      },
    ]
  } finally {
    for (const client of clients) await client.unbind().catch(() => {})
    await hanging.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
