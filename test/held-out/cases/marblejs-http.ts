import type { AddressInfo } from 'node:net'
import { createServer, HttpError, type HttpErrorEffect, HttpStatus, httpListener, r } from '@marblejs/http'
import { throwError } from 'rxjs'
import { map, mergeMap } from 'rxjs/operators'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@marblejs/http'

// A Marble.js HTTP server on 127.0.0.1 whose route effects throw Marble's HttpError; a custom
// error$ effect (the application's error handler) keeps every error it receives.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const teams = new Map([['t-1', { id: 't-1', name: 'Core', members: 5, archived: false }]])

  const getTeam$ = r.pipe(
    r.matchPath('/teams/:id'),
    r.matchType('GET'),
    r.useEffect((req$) =>
      req$.pipe(
        mergeMap((req) => {
          const { id } = req.params as { id: string }
          const team = teams.get(id)
          if (!team)
            return throwError(
              () => new HttpError(`Team ${id} not found`, HttpStatus.NOT_FOUND, undefined, req),
            )
          return [{ body: team, request: req }]
        }),
      ),
    ),
  )
  const deleteTeam$ = r.pipe(
    r.matchPath('/teams/:id'),
    r.matchType('DELETE'),
    r.useEffect((req$) =>
      req$.pipe(
        map((req) => {
          const { id } = req.params as { id: string }
          if ((teams.get(id)?.members ?? 0) > 0)
            throw new HttpError(
              'Remove the members first',
              HttpStatus.CONFLICT,
              { members: 5 },
              req,
              'TeamsModule',
            )
          return { status: HttpStatus.NO_CONTENT, request: req }
        }),
      ),
    ),
  )
  const inviteTeam$ = r.pipe(
    r.matchPath('/teams/:id/invite'),
    r.matchType('POST'),
    r.useEffect((req$) =>
      req$.pipe(
        map((req) => {
          const { email } = req.query as { email?: string }
          if (!email?.includes('@'))
            throw new HttpError('Invalid invite', HttpStatus.UNPROCESSABLE_ENTITY, [
              { path: 'email', message: 'must be an e-mail address' },
            ])
          if (req.headers.authorization !== 'Bearer owner')
            throw new HttpError('Only the owner can invite', HttpStatus.FORBIDDEN, undefined, req)
          return { status: HttpStatus.ACCEPTED, request: req }
        }),
      ),
    ),
  )
  const syncTeam$ = r.pipe(
    r.matchPath('/teams/:id/sync'),
    r.matchType('POST'),
    r.useEffect((req$) =>
      req$.pipe(
        map(() => {
          // Directory sync is planned: an explicit 501 chosen by the app.
          throw new HttpError('Directory sync is not implemented', HttpStatus.NOT_IMPLEMENTED)
        }),
      ),
    ),
  )
  const legacy$ = r.pipe(
    r.matchPath('/groups/:id'),
    r.matchType('GET'),
    r.useEffect((req$) =>
      req$.pipe(
        map((req) => {
          // "Redirect" by throwing, with a 3xx status from Marble's own HttpStatus enum.
          throw new HttpError('Groups are now teams', HttpStatus.MOVED_PERMANENTLY, undefined, req)
        }),
      ),
    ),
  )
  const error$: HttpErrorEffect = (req$) =>
    req$.pipe(
      map(({ request, error }) => {
        errors.push(error)
        return { status: 599 as HttpStatus, body: '', request }
      }),
    )
  const listener = httpListener({
    effects: [getTeam$, deleteTeam$, inviteTeam$, syncTeam$, legacy$],
    error$,
  })
  const server = await (await createServer({ port: 0, hostname: '127.0.0.1', listener }))()
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /teams/t-9: route effect threw HttpError("Team t-9 not found", 404) carrying the incoming request',
      why: 'errors that carry a status: 404 (the request attached is our own incoming request)',
      expect: { status: 404 },
      error: await rejection('/teams/t-9'),
    })
    cases.push({
      library,
      what: 'DELETE /teams/t-1 with members: route effect threw HttpError(409) with data and context "TeamsModule"',
      why: 'errors that carry a status: 409',
      expect: { status: 409 },
      error: await rejection('/teams/t-1', { method: 'DELETE' }),
    })
    cases.push({
      library,
      what: 'POST /teams/t-1/invite?email=bob: route effect threw HttpError(422) with a list of issues as data',
      why: 'errors that carry a status: 422',
      expect: { status: 422 },
      error: await rejection('/teams/t-1/invite?email=bob', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'POST /teams/t-1/invite?email=bob@example.com as a member: route effect threw HttpError(403)',
      why: 'errors that carry a status: 403',
      expect: { status: 403 },
      error: await rejection('/teams/t-1/invite?email=bob@example.com', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'POST /teams/t-1/sync: route effect threw HttpError(501)',
      why: 'errors that carry a status: 501 (explicit not-implemented)',
      expect: { status: 501 },
      error: await rejection('/teams/t-1/sync', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'GET /groups/g-1: route effect threw HttpError("Groups are now teams", 301)',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await rejection('/groups/g-1'),
    })
    cases.push({
      library,
      what: "GET /teams/%E0%A4%A (a broken percent-encoding): Marble's router caught the URIError and passed HttpError('URI malformed', 400)",
      why: 'errors that carry a status: 400 (malformed request syntax)',
      expect: { status: 400 },
      error: await rejection('/teams/%E0%A4%A'),
    })
    cases.push({
      library,
      what: "GET /projects: no route matched, Marble's router passed its HttpError('Route not found', 404)",
      why: 'errors that carry a status: 404 (the framework chose it)',
      expect: { status: 404 },
      error: await rejection('/projects'),
    })
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return cases
}
