import type { AddressInfo } from 'node:net'
import { Application } from '@curveball/core'
import {
  BadRequest,
  Conflict,
  ContentTooLarge,
  HttpErrorBase,
  MethodNotAllowed,
  NotFound,
  NotImplemented,
  PreconditionFailed,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnprocessableContent,
} from '@curveball/http-errors'
import { conditionalCheck } from '@curveball/kernel'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@curveball/http-errors'

/** An app-defined error class on the library's base, for a "redirect by exception". */
class SeeOther extends HttpErrorBase {
  override httpStatus = 303
  override title = 'See Other'
}

// A Curveball application on 127.0.0.1 (its own HTTP server, @curveball/core) whose middleware
// throw @curveball/http-errors; the outermost middleware keeps every error, as a problem+json
// middleware would.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const articles = new Map([['a-1', { id: 'a-1', title: 'Hello', etag: '"v3"' }]])
  let maintenance = false
  let quota = Number.POSITIVE_INFINITY
  const app = new Application()
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
      ctx.response.body = ''
    }
  })
  app.use(async (ctx, next) => {
    if (maintenance) throw new ServiceUnavailable('Scheduled maintenance', 120)
    if (--quota < 0) throw new TooManyRequests('Quota of 100 requests per hour used up', 30)
    if (ctx.request.headers.get('Authorization') !== 'Bearer reader')
      throw new Unauthorized('A bearer token is required', 'Bearer realm="articles"')
    return next()
  })
  app.use(async (ctx) => {
    const [, , id, sub] = ctx.path.split('/')
    if (ctx.path === '/articles' && ctx.method === 'POST') {
      const length = Number(ctx.request.headers.get('Content-Length'))
      if (length > 4096) throw new ContentTooLarge('Uploads over 4 KiB are paused for 10 minutes', 600)
      const raw = await ctx.request.rawBody('utf-8')
      let input: { title?: unknown }
      try {
        input = JSON.parse(raw)
      } catch {
        throw new BadRequest('The body is not valid JSON')
      }
      if (typeof input.title !== 'string') throw new UnprocessableContent('"title" must be a string')
      if ([...articles.values()].some((a) => a.title === input.title))
        throw new Conflict(`An article titled "${input.title}" exists`)
      ctx.status = 201
      return
    }
    if (ctx.path === '/feed') throw new SeeOther('The feed moved to /articles')
    const article = articles.get(id ?? '')
    if (!article) throw new NotFound(`Article ${id} does not exist`)
    if (sub === 'translate') throw new NotImplemented('Translations are not implemented yet')
    if (ctx.method === 'PUT') {
      if (conditionalCheck(ctx.request, null, article.etag) === 412)
        throw new PreconditionFailed('The article changed since you read it')
      ctx.status = 204
      return
    }
    if (ctx.method !== 'GET')
      throw new MethodNotAllowed('Articles are read-only here', ['GET', 'HEAD', 'PUT'])
    ctx.response.body = article
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: 'Bearer reader', ...(init.headers as Record<string, string>) },
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const post = (body: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /articles/a-1 without a token: middleware threw Unauthorized (httpStatus 401) with wwwAuthenticate "Bearer realm=\\"articles\\""',
      why: 'errors that carry a status: 401, with the challenge the error carries',
      expect: { status: 401, headers: { 'www-authenticate': 'Bearer realm="articles"' } },
      error: await rejection('/articles/a-1', { headers: { authorization: '' } }),
    })
    cases.push({
      library,
      what: 'DELETE /articles/a-1: handler threw MethodNotAllowed (httpStatus 405) with allow ["GET","HEAD","PUT"]',
      why: 'errors that carry a status: 405, with the Allow the error carries',
      expect: { status: 405, headers: { allow: 'GET, HEAD, PUT' } },
      error: await rejection('/articles/a-1', { method: 'DELETE' }),
    })
    cases.push({
      library,
      what: 'POST /articles with {"title": 7}: handler threw UnprocessableContent (httpStatus 422)',
      why: 'errors that carry a status: 422',
      expect: { status: 422 },
      error: await rejection('/articles', post('{"title":7}')),
    })
    cases.push({
      library,
      what: 'POST /articles with an 8 KiB body: handler threw ContentTooLarge (httpStatus 413) with retryAfter 600',
      why: 'errors that carry a status: 413, with the Retry-After the error carries',
      expect: { status: 413, headers: { 'retry-after': '600' } },
      error: await rejection('/articles', post(JSON.stringify({ title: 'x'.repeat(8192) }))),
    })
    cases.push({
      library,
      what: 'PUT /articles/a-1 with If-Match "v2": conditionalCheck gave 412, handler threw PreconditionFailed (httpStatus 412)',
      why: 'errors that carry a status: 412',
      expect: { status: 412 },
      error: await rejection('/articles/a-1', {
        method: 'PUT',
        headers: { 'if-match': '"v2"' },
        body: '{}',
      }),
    })
    cases.push({
      library,
      what: 'GET /articles/a-1/translate: handler threw NotImplemented (httpStatus 501)',
      why: 'errors that carry a status: 501 (explicit not-implemented)',
      expect: { status: 501 },
      error: await rejection('/articles/a-1/translate'),
    })
    cases.push({
      library,
      what: 'GET /feed: handler threw an app subclass of HttpErrorBase with httpStatus 303 ("See Other")',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await rejection('/feed'),
    })
    quota = 0
    cases.push({
      library,
      what: 'request over the hourly quota: middleware threw TooManyRequests (httpStatus 429) with retryAfter 30',
      why: 'errors that carry a status: 429, with the Retry-After the error carries',
      expect: { status: 429, headers: { 'retry-after': '30' } },
      error: await rejection('/articles/a-1'),
    })
    maintenance = true
    cases.push({
      library,
      what: 'request during maintenance: middleware threw ServiceUnavailable (httpStatus 503) with retryAfter 120',
      why: 'errors that carry a status: 503 (retryable), with the Retry-After the error carries',
      expect: { status: 503, retryable: true, headers: { 'retry-after': '120' } },
      error: await rejection('/articles/a-1'),
    })
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return cases
}
