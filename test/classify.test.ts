import createError from 'http-errors'
import { describe, expect, it } from 'vitest'
import { classify } from '../src/index.js'

describe('classify', () => {
  it('exposes the message of an http-errors 404', () => {
    const c = classify(createError(404, 'No such widget'))
    expect(c).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'No such widget', expose: true })
    expect(c.rule).toBe('status:http-errors')
  })

  it('hides the message of a plain Error behind a generic 500', () => {
    const c = classify(new Error('db password=hunter2'))
    expect(c).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', expose: false, rule: 'fallback' })
    expect(c.message).not.toContain('hunter2')
  })
})
