import {
  BadGateway,
  Conflict,
  Exception,
  GatewayTimeout,
  Gone,
  NotFound,
  NotImplemented,
  RequestEntityTooLarge,
  UnprocessableEntity,
  UnsupportedMediaType,
} from 'ts-httpexceptions'
import type { Collect, HeldOutCase } from '../case.js'
import { serveApp } from './support/app.js'
import { startUpstream } from './support/http-upstream.js'

const library = 'ts-httpexceptions'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// A documents API whose handlers throw ts-httpexceptions (status, origin or body).
export const collect: Collect = async () => {
  const preview = await startUpstream({ status: 500, body: '<h1>Internal Server Error</h1>' })
  const docs = new Map([
    ['d-1', { id: 'd-1', name: 'plan.md', deleted: false }],
    ['d-2', { id: 'd-2', name: 'old.md', deleted: true }],
  ])
  const settings: Record<string, string | undefined> = {}
  const app = await serveApp({
    routes: {
      'GET /docs/:id': ({ params }) => {
        const doc = docs.get(params.id ?? '')
        if (!doc) throw new NotFound(`Document ${params.id} not found`)
        if (doc.deleted) throw new Gone(`Document ${params.id} was deleted`)
        return doc
      },
      'POST /docs': ({ headers, body }) => {
        if (Number(headers['content-length']) > 1024)
          throw new RequestEntityTooLarge(`Body of ${headers['content-length']} bytes exceeds 1024`)
        if (headers['content-type'] !== 'application/json')
          throw new UnsupportedMediaType(`Content-Type ${headers['content-type']} is not supported`)
        const input = JSON.parse(body) as { name?: unknown }
        if (typeof input.name !== 'string' || input.name === '')
          throw new UnprocessableEntity('Invalid document', [
            { path: ['name'], message: 'must be a non-empty string' },
          ])
        if ([...docs.values()].some((d) => d.name === input.name))
          throw new Conflict(`A document named ${input.name} already exists`)
        return input
      },
      'GET /docs/:id/export': ({ url }) => {
        const format = url.searchParams.get('format')
        if (format !== 'md') throw new NotImplemented(`Export to ${format} is not implemented`)
        return ''
      },
      'GET /docs/:id/preview': async () => {
        const res = await fetch(`${preview.url}/render`)
        if (!res.ok) throw new BadGateway('Preview service failed', `upstream answered ${res.status}`)
        return res.text()
      },
      'GET /docs/:id/render': async () => {
        const render = sleep(200).then(() => 'pdf')
        const timeout = sleep(30).then(() => {
          throw new GatewayTimeout('Rendering took longer than 30 ms')
        })
        return Promise.race([render, timeout])
      },
      'GET /docs/:id/quota': () => {
        // The status comes from a setting that was never configured: Number.parseInt(undefined) is NaN.
        throw new Exception(Number.parseInt(settings.quotaStatus as string, 10), 'Quota exceeded')
      },
    },
  })
  const json = { 'content-type': 'application/json' }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /docs/d-9: handler threw NotFound (status 404)',
      why: 'errors that carry a status: 404',
      expect: { status: 404 },
      error: await app.rejection('/docs/d-9'),
    })
    cases.push({
      library,
      what: 'GET /docs/d-2 (soft-deleted): handler threw Gone (status 410)',
      why: 'errors that carry a status: 410',
      expect: { status: 410 },
      error: await app.rejection('/docs/d-2'),
    })
    cases.push({
      library,
      what: 'POST /docs with a 2048-byte body: handler threw RequestEntityTooLarge (status 413)',
      why: 'errors that carry a status: 413 (also body too large)',
      expect: { status: 413 },
      error: await app.rejection('/docs', { method: 'POST', headers: json, body: 'x'.repeat(2048) }),
    })
    cases.push({
      library,
      what: 'POST /docs as text/csv: handler threw UnsupportedMediaType (status 415)',
      why: 'errors that carry a status: 415',
      expect: { status: 415 },
      error: await app.rejection('/docs', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'name\nx',
      }),
    })
    cases.push({
      library,
      what: 'POST /docs with name "": handler threw UnprocessableEntity (status 422) with the issue list as body',
      why: 'errors that carry a status: 422',
      expect: { status: 422 },
      error: await app.rejection('/docs', { method: 'POST', headers: json, body: '{"name":""}' }),
    })
    cases.push({
      library,
      what: 'GET /docs/d-1/export?format=pdf: handler threw NotImplemented (status 501)',
      why: 'errors that carry a status: 501 (explicit not-implemented)',
      expect: { status: 501 },
      error: await app.rejection('/docs/d-1/export?format=pdf'),
    })
    cases.push({
      library,
      what: 'GET /docs/d-1/preview: the loopback preview service answered 500, the handler threw BadGateway (status 502) with origin "upstream answered 500"',
      why: 'errors that carry a status: 502 the app chose for a dependency that answered badly (retryable)',
      upstreamStatus: 500,
      expect: { status: 502, retryable: true },
      error: await app.rejection('/docs/d-1/preview'),
    })
    cases.push({
      library,
      what: 'GET /docs/d-1/render: the render job lost a 30 ms race, the handler threw GatewayTimeout (status 504)',
      why: 'errors that carry a status: 504 the app chose, too slow (retryable)',
      expect: { status: 504, retryable: true },
      error: await app.rejection('/docs/d-1/render'),
    })
    cases.push({
      library,
      what: 'GET /docs/d-1/quota: handler threw new Exception(NaN, "Quota exceeded") (status NaN from an unset setting)',
      why: 'carried status is not a number in 400-599: our misconfiguration, 500',
      expect: { status: 500 },
      error: await app.rejection('/docs/d-1/quota'),
    })
  } finally {
    await app.close()
    await preview.close()
  }
  await sleep(200)
  return cases
}
