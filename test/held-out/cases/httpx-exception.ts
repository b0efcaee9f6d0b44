import {
  createHttpException,
  HttpInternalServerError,
  HttpNotFound,
  HttpRequestTimeout,
  HttpServiceUnavailable,
  HttpTooManyRequests,
  HttpUnauthorized,
  HttpUnprocessableEntity,
} from '@httpx/exception'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'
import { startUpstream } from './support/http-upstream.js'

const library = '@httpx/exception'

// A projects API whose handlers throw @httpx/exception errors (statusCode, url, method, cause,
// issues), including the common "turn a fetch response into an exception" helper.
export const collect: Collect = async () => {
  const billing = await startUpstream()
  const projects = new Map([['p-1', { id: 'p-1', name: 'Apollo', slug: 'apollo' }]])
  let searchUp = true
  let hits = 0
  /** The app's fetch helper: a non-2xx answer becomes an exception for that status. */
  const getJson = async (url: string) => {
    const res = await fetch(url)
    if (!res.ok) throw createHttpException(res.status as 404, { url, method: 'GET' })
    return res.json()
  }
  const app = await serveApp({
    middleware: [
      ({ headers, url }) => {
        if (url.pathname.startsWith('/projects') && headers.authorization !== 'Bearer dev')
          throw new HttpUnauthorized({ message: 'Invalid API key', code: 'INVALID_API_KEY' })
        if (url.pathname === '/projects/search' && ++hits > 3)
          throw new HttpTooManyRequests({ message: 'Search is limited to 3 requests', code: 'RATE_LIMITED' })
      },
    ],
    routes: {
      'GET /projects/search': () => {
        if (!searchUp)
          throw new HttpServiceUnavailable({
            message: 'Search index is rebuilding',
            cause: new Error('index projects_v2 is read-only while rebuilding'),
          })
        return []
      },
      'GET /projects/:id': ({ params, url, method }) => {
        const project = projects.get(params.id ?? '')
        if (!project)
          throw new HttpNotFound({
            message: `Project ${params.id} not found`,
            url: url.href,
            method: method as 'GET',
          })
        return project
      },
      'POST /projects': ({ body }) => {
        const input = JSON.parse(body) as { name?: unknown; slug?: unknown }
        const issues = []
        if (typeof input.name !== 'string')
          issues.push({ message: 'Required', path: ['name'], code: 'invalid_type' })
        if (typeof input.slug !== 'string' || !/^[a-z-]+$/.test(input.slug))
          issues.push({
            message: 'Lowercase letters and dashes only',
            path: ['slug'],
            code: 'invalid_string',
          })
        if (issues.length > 0) throw new HttpUnprocessableEntity({ message: 'Invalid project', issues })
        if ([...projects.values()].some((p) => p.slug === input.slug))
          throw createHttpException(409, {
            message: `Slug ${input.slug} is taken`,
            cause: new Error('duplicate key value violates unique constraint "projects_slug_key"'),
          })
        return input
      },
      'POST /projects/:id/import': async () => {
        // The import waits for the upload to finish; the client stopped sending mid-way.
        throw new HttpRequestTimeout({ message: 'Upload did not complete within 30 s' })
      },
      'GET /projects/:id/invoice': ({ params }) => getJson(`${billing.url}/invoices/${params.id}`),
      'GET /projects/:id/archive': () => {
        // An "archive moved" answer written as an exception with a 3xx status.
        throw createHttpException(301 as 404, { message: 'Archives moved to cold storage' })
      },
      'GET /projects/:id/metrics': () => {
        const cause = new TypeError("Cannot read properties of undefined (reading 'p95')")
        throw new HttpInternalServerError({ message: 'Metrics aggregation failed', cause })
      },
    },
  })
  const auth = { headers: { authorization: 'Bearer dev', 'content-type': 'application/json' } }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: "GET /projects/p-9: handler threw HttpNotFound (statusCode 404) whose url/method are our own server's incoming request",
      why: 'errors that carry a status: 404 (the url is our own request, not an upstream)',
      expect: { status: 404 },
      error: await app.rejection('/projects/p-9', auth),
    })
    cases.push({
      library,
      what: 'POST /projects with {"slug":"Bad Slug"}: handler threw HttpUnprocessableEntity (statusCode 422) with two issues',
      why: 'errors that carry a status: 422 (validation issues)',
      expect: { status: 422 },
      error: await app.rejection('/projects', { ...auth, method: 'POST', body: '{"slug":"Bad Slug"}' }),
    })
    cases.push({
      library,
      what: 'POST /projects with a taken slug: handler threw createHttpException(409) with a unique-violation Error as cause',
      why: 'errors that carry a status: 409',
      expect: { status: 409 },
      error: await app.rejection('/projects', {
        ...auth,
        method: 'POST',
        body: '{"name":"A2","slug":"apollo"}',
      }),
    })
    cases.push({
      library,
      what: 'POST /projects/p-1/import: handler threw HttpRequestTimeout (statusCode 408)',
      why: 'errors that carry a status: 408 the app chose',
      expect: { status: 408 },
      error: await app.rejection('/projects/p-1/import', { ...auth, method: 'POST', body: '{}' }),
    })
    cases.push({
      library,
      what: 'GET /projects/p-1/archive: handler threw createHttpException(301) (an HttpException with statusCode 301)',
      why: 'carried status outside 400-599: 500',
      expect: { status: 500 },
      error: await app.rejection('/projects/p-1/archive', auth),
    })
    cases.push({
      library,
      what: 'GET /projects/p-1/metrics: handler threw HttpInternalServerError (statusCode 500) with a TypeError cause',
      why: 'errors that carry a status: 500 the app chose',
      expect: { status: 500 },
      error: await app.rejection('/projects/p-1/metrics', auth),
    })
    billing.reply({ status: 404, body: { error: 'no such invoice' } })
    cases.push({
      library,
      what: "GET /projects/p-1/invoice: the loopback billing API answered 404, the app's fetch helper threw createHttpException(404, { url: billing URL, method: GET })",
      why: 'upstream said 4xx to us (the error carries the upstream URL): 500, never passed through',
      upstreamStatus: 404,
      expect: { status: 500 },
      error: await app.rejection('/projects/p-1/invoice', auth),
    })
    billing.reply({ status: 503, headers: { 'retry-after': '5' }, body: 'maintenance' })
    cases.push({
      library,
      what: "GET /projects/p-1/invoice: the loopback billing API answered 503, the app's fetch helper threw createHttpException(503, { url: billing URL })",
      why: 'upstream 503: dependency unavailable, 503 retryable',
      upstreamStatus: 503,
      expect: { status: 503, retryable: true },
      error: await app.rejection('/projects/p-1/invoice', auth),
    })
    searchUp = false
    cases.push({
      library,
      what: 'GET /projects/search while the index rebuilds: handler threw HttpServiceUnavailable (statusCode 503) with a cause',
      why: 'errors that carry a status: 503 (retryable)',
      expect: { status: 503, retryable: true },
      error: await app.rejection('/projects/search', auth),
    })
    hits = 3
    cases.push({
      library,
      what: 'fourth search: middleware threw HttpTooManyRequests (statusCode 429, code RATE_LIMITED, no retry hint)',
      why: 'errors that carry a status: 429',
      expect: { status: 429 },
      error: await app.rejection('/projects/search', auth),
    })
  } finally {
    await app.close()
    await billing.close()
  }
  return cases
}
