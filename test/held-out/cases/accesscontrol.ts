import { AccessControl } from 'accesscontrol'
import type { Collect, HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = 'accesscontrol'

export const collect: Collect = async () => {
  const ac = new AccessControl()
  ac.grant('user').readOwn('profile').updateOwn('profile', ['name'])
  ac.grant('admin').extend('user').readAny('profile').deleteAny('profile')
  ac.lock()
  // Roles as stored on the session by the login service.
  const sessions: Record<string, string | string[]> = { s1: 'user', s2: 'auditor', s3: ['admin', 'billing'] }
  const server = await handlerServer((request) => {
    const session = sessions[String(request.headers['x-session'])] ?? 'user'
    if (request.path === '/admin/roles' && request.method === 'POST') {
      // An admin endpoint that adds a role at runtime, on the locked instance.
      const body = JSON.parse(request.text) as { role: string; extends?: string }
      const grant = ac.grant(body.role)
      if (body.extends) grant.extend(body.extends)
      return { added: body.role }
    }
    if (request.path === '/admin/reload' && request.method === 'POST') {
      // Grants re-read from the database into a fresh instance.
      const body = JSON.parse(request.text) as { rows: never[]; inherits?: [string, string][] }
      const fresh = new AccessControl(body.rows)
      for (const [child, parent] of body.inherits ?? []) fresh.grant(child).extend(parent)
      return { roles: fresh.getRoles() }
    }
    const permission = ac.can(session).readAny('profile')
    return { granted: permission.granted }
  })
  const post = (path: string, body: unknown) =>
    server.caught(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: "GET /profiles with a session whose stored role 'auditor' was never granted: ac.can('auditor') (AccessControlError ROLE_NOT_FOUND 'Role not found.')",
        why: 'our data/config inconsistent (a role from our own session store): 500',
        expect: { status: 500 },
        error: await server.caught('/profiles', { headers: { 'x-session': 's2' } }),
      },
      {
        library,
        what: "GET /profiles for a session with roles ['admin', 'billing'] where 'billing' is not defined (AccessControlError ROLE_NOT_FOUND)",
        why: 'our data/config inconsistent: 500',
        expect: { status: 500 },
        error: await server.caught('/profiles', { headers: { 'x-session': 's3' } }),
      },
      {
        library,
        what: "POST /admin/roles on the locked AccessControl instance (AccessControlError LOCKED 'Cannot alter the underlying grants model. AccessControl instance is locked.')",
        why: 'our bug (mutating locked grants): 500',
        expect: { status: 500 },
        error: await post('/admin/roles', { role: 'editor' }),
      },
      {
        library,
        what: "POST /admin/reload with grants then admin extends user and user extends admin (AccessControlError INVALID_INHERITANCE 'Cross inheritance is not allowed.')",
        why: 'our misconfiguration (stored grants): 500',
        expect: { status: 500 },
        error: await post('/admin/reload', {
          rows: [
            { role: 'admin', resource: 'profile', action: 'read:any', attributes: ['*'] },
            { role: 'user', resource: 'profile', action: 'read:own', attributes: ['*'] },
          ],
          inherits: [
            ['admin', 'user'],
            ['user', 'admin'],
          ],
        }),
      },
      {
        library,
        what: "POST /admin/reload with a stored row whose action is 'read:everything' (AccessControlError INVALID_ACTION 'Invalid action possession.')",
        why: 'our misconfiguration (stored grants): 500',
        expect: { status: 500 },
        error: await post('/admin/reload', {
          rows: [{ role: 'user', resource: 'profile', action: 'read:everything', attributes: ['*'] }],
        }),
      },
      {
        library,
        what: "POST /admin/reload with a role named 'user name' (AccessControlError INVALID_NAME 'Invalid name. Allowed characters: …')",
        why: 'our misconfiguration (stored grants): 500',
        expect: { status: 500 },
        error: await post('/admin/reload', {
          rows: [{ role: 'user name', resource: 'profile', action: 'read:own', attributes: ['*'] }],
        }),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
