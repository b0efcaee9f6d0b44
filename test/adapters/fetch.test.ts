import { describe, expect, it } from 'vitest'
import { errorHandler, notFoundHandler, toResponse } from '../../src/adapters/fetch.js'
import { notFound } from '../../src/index.js'

describe('fetch adapter, in process', () => {
  it('reads the path without its query or fragment', async () => {
    const response = notFoundHandler({ instance: true })(
      new Request('http://127.0.0.1:8080/a/b%20c?x=1#frag'),
    )
    expect(await response.json()).toMatchObject({ detail: 'No route for GET /a/b%20c', instance: '/a/b%20c' })
  })

  it('toResponse builds the same answer as errorHandler', async () => {
    const request = new Request('http://127.0.0.1/orders/7', { headers: { 'x-request-id': 'req-7' } })
    const a = toResponse(notFound('No such order'), { request })
    const b = errorHandler()(notFound('No such order'), request)
    expect(await a.json()).toEqual(await b.json())
    expect(a.headers.get('x-request-id')).toBe('req-7')
  })

  it('answers without a request at all', async () => {
    const response = toResponse(new Error('x'))
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('takes a SyntaxError from a JSON request body for a 400, and any other for a 500', async () => {
    const request = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    })
    const error = await request.json().catch((e: unknown) => e)
    expect(errorHandler()(error, request).status).toBe(400)
    const config = (() => {
      try {
        JSON.parse('{')
      } catch (e) {
        return e
      }
    })()
    expect(errorHandler()(config, new Request('http://127.0.0.1/')).status).toBe(500)
  })
})
