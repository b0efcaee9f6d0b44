import { describe, expect, it } from 'vitest'
import { createRequestIdGenerator, isValidRequestId, resolveRequestId } from '../../src/index.js'

describe('request ids', () => {
  it('generates monotonic ULIDs', () => {
    const next = createRequestIdGenerator()
    const ids = Array.from({ length: 1000 }, next)
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each([
    ['a plain id', 'abc-123', true],
    ['dots, colons and underscores', 'svc.a:req_9', true],
    ['128 characters', 'x'.repeat(128), true],
    ['129 characters', 'x'.repeat(129), false],
    ['CR/LF', 'abc\r\nSet-Cookie: x=1', false],
    ['non-ASCII letters', 'déjà', false],
    ['a space', 'a b', false],
    ['empty', '', false],
    ['a number', 42, false],
  ])('%s is %s', (_name, id, valid) => {
    expect(isValidRequestId(id)).toBe(valid)
  })

  it('takes the first valid candidate, else generates one', () => {
    const generate = () => 'generated-1'
    expect(resolveRequestId([undefined, 'bad id', 'good-id'], generate)).toBe('good-id')
    expect(resolveRequestId(['a\nb'], generate)).toBe('generated-1')
  })

  it('falls back to a ULID when a custom generator throws or returns an unsafe id', () => {
    const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/
    expect(resolveRequestId([], () => 'bad\nid')).toMatch(ulid)
    expect(
      resolveRequestId([], () => {
        throw new Error('generator bug')
      }),
    ).toMatch(ulid)
  })
})
