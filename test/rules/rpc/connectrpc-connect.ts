import { Code, ConnectError } from '@connectrpc/connect'
import type { Collect, HeldOutCase } from '../../held-out/case.js'
import { rejectionOf } from '../../held-out/case.js'

// Errors that a Connect service implementation raises itself (the app's own, not an outbound call's).
export const collect: Collect = async () => {
  const users = new Map([['u1', { id: 'u1', owner: 'o1' }]])
  const handlers = {
    async getUser(req: { id: string }) {
      const user = users.get(req.id)
      if (!user) throw new ConnectError(`user ${req.id} not found`, Code.NotFound)
      return user
    },
    async createUser(req: { id: string }) {
      if (users.has(req.id)) throw new ConnectError(`user ${req.id} already exists`, Code.AlreadyExists)
      return { id: req.id }
    },
    async deleteUser(req: { id: string; caller: string }) {
      if (users.get(req.id)?.owner !== req.caller)
        throw new ConnectError('not the owner', Code.PermissionDenied)
    },
    async whoAmI(headers: Headers) {
      if (!headers.get('authorization')) throw new ConnectError('missing token', Code.Unauthenticated)
    },
  }
  const handlerCase = (code: string, status: number, error: unknown): HeldOutCase => ({
    library: '@connectrpc/connect',
    what: `a Connect handler threw ConnectError ${code}`,
    why: `RPC framework error thrown by the app, Connect's HTTP table: ${code} is ${status}`,
    expect: { status },
    error,
  })
  return [
    handlerCase('not_found', 404, await rejectionOf(() => handlers.getUser({ id: 'u9' }))),
    handlerCase('already_exists', 409, await rejectionOf(() => handlers.createUser({ id: 'u1' }))),
    handlerCase(
      'permission_denied',
      403,
      await rejectionOf(() => handlers.deleteUser({ id: 'u1', caller: 'o2' })),
    ),
    handlerCase('unauthenticated', 401, await rejectionOf(() => handlers.whoAmI(new Headers()))),
  ]
}
