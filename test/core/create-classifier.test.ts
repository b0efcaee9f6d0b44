import createError from 'http-errors'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createClassifier } from '../../src/index.js'

const enoent = () =>
  Object.assign(new Error("ENOENT: no such file, open '/srv/app.yml'"), {
    code: 'ENOENT',
    errno: -2,
    syscall: 'open',
  })
const zodError = () => z.object({ a: z.string() }).safeParse({ a: 1 }).error

describe('createClassifier', () => {
  it('runs user rules first: they win over the built-in ones', () => {
    class FlagOff extends Error {}
    const classify = createClassifier({
      rules: [
        {
          name: 'feature-flag',
          match: (e) => (e instanceof FlagOff ? { status: 404, code: 'FEATURE_OFF' } : undefined),
        },
      ],
    })
    expect(classify(new FlagOff())).toMatchObject({ status: 404, code: 'FEATURE_OFF', rule: 'feature-flag' })
    expect(classify(createError(409))).toMatchObject({ status: 409 })
  })

  it('accepts a plain function as a rule, named after the function', () => {
    const classify = createClassifier({
      rules: [
        function teapot(e) {
          return e === 'tea' ? { status: 418 } : undefined
        },
      ],
    })
    expect(classify('tea')).toMatchObject({ status: 418, rule: 'teapot' })
  })

  it('treats a user rule that throws or answers nonsense as no match', () => {
    const classify = createClassifier({
      rules: [
        () => {
          throw new Error('rule bug')
        },
        () => 42 as never,
      ],
    })
    expect(classify(createError(404))).toMatchObject({ status: 404 })
  })

  it('overrides by code: validation is 400 in this app, and keeps its code', () => {
    const classify = createClassifier({ overrides: { VALIDATION_FAILED: 400 } })
    expect(classify(zodError())).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
  })

  it('overrides by rule name: ENOENT is 404 in this app, with the code of 404', () => {
    const classify = createClassifier({ overrides: { 'node-system:ENOENT': 404 } })
    expect(classify(enoent())).toMatchObject({ status: 404, code: 'NOT_FOUND', rule: 'node-system:ENOENT' })
    expect(createClassifier()(enoent())).toMatchObject({ status: 500 })
  })

  it('prefers a rule override to its family, and a family to a code', () => {
    const classify = createClassifier({
      overrides: { 'node-system': 502, 'node-system:ENOENT': 410, INTERNAL_SERVER_ERROR: 503 },
    })
    expect(classify(enoent())).toMatchObject({ status: 410 })
    expect(classify(Object.assign(new Error('x'), { code: 'EACCES' }))).toMatchObject({ status: 502 })
    expect(classify(new Error('plain'))).toMatchObject({ status: 503 })
  })

  it('can replace the code with an override', () => {
    const classify = createClassifier({ overrides: { 'validation:zod': { status: 400, code: 'BAD_INPUT' } } })
    expect(classify(zodError())).toMatchObject({ status: 400, code: 'BAD_INPUT' })
  })

  it('can run the user rules alone', () => {
    const classify = createClassifier({ defaultRules: false })
    expect(classify(createError(404))).toMatchObject({ status: 500, rule: 'fallback' })
  })

  it.each([
    ['options that are not an object', 'nope', /options must be an object/],
    ['rules that are not an array', { rules: {} }, /rules.*array/],
    ['a rule without match', { rules: [{ name: 'x' }] }, /rules\[0\]/],
    ['a rule without a name', { rules: [{ match: () => undefined }] }, /name/],
    ['a status outside 400–599', { overrides: { VALIDATION_FAILED: 200 } }, /400–599/],
    ['a non-integer status', { overrides: { VALIDATION_FAILED: 404.5 } }, /400–599/],
    [
      'a status as a string',
      { overrides: { NOT_FOUND: '404' } },
      /got "404" \(write the number 404, not a string\)/,
    ],
    ['an object without a status', { overrides: { NOT_FOUND: { code: 'GONE' } } }, /got undefined/],
    ['an unknown rule name', { overrides: { 'zodd:x': 400 } }, /names neither a code/],
    ['a system code used as a code', { overrides: { ENOENT: 404 } }, /node-system:ENOENT/],
    ['an invalid code', { overrides: { validation: { status: 400, code: 'bad code' } } }, /invalid code/],
    ['a non-boolean defaultRules', { defaultRules: 'no' }, /defaultRules/],
  ])('fails at creation on %s', (_name, options, message) => {
    expect(() => createClassifier(options as never)).toThrow(message)
  })
})

describe('answers made from templates', () => {
  it("gives each error its own exposed message, though a verdict's template is made once", () => {
    const classify = createClassifier()
    const first = classify(createError(404, 'no such order'))
    const second = classify(createError(404, 'no such invoice'))
    const silent = classify(createError(404, ''))
    expect(first).toMatchObject({ status: 404, message: 'no such order', expose: true })
    expect(second).toMatchObject({ status: 404, message: 'no such invoice', expose: true })
    expect(silent).toMatchObject({
      status: 404,
      expose: false,
      message: 'The requested resource was not found.',
    })
    expect(Object.isFrozen(second)).toBe(true)
  })

  it('keeps an overridden status apart from the template of another classifier', () => {
    const teapot = createClassifier({ overrides: { 'status:http-errors': { status: 410, code: 'GONE' } } })
    expect(teapot(createError(404, 'moved'))).toMatchObject({ status: 410, code: 'GONE', message: 'moved' })
    expect(createClassifier()(createError(404, 'moved'))).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })

  it('never exposes the message of a 5xx, template or not', () => {
    const classify = createClassifier({ overrides: { 'status:http-errors': 503 } })
    const answer = classify(createError(404, 'secret detail'))
    expect(answer).toMatchObject({ status: 503, expose: false })
    expect(answer.message).not.toContain('secret')
  })
})

describe('override keys', () => {
  it('accepts every rule name the docs list, and a prefix of one', () => {
    const byRule = createClassifier({ overrides: { 'fetch:timeout': 503 } })
    expect(byRule(new DOMException('slow', 'TimeoutError'))).toMatchObject({
      status: 503,
      rule: 'fetch:timeout',
    })
    const byPrefix = createClassifier({ overrides: { 'node-system': 418, 'upstream:axios': 502 } })
    expect(byPrefix(Object.assign(new Error('x'), { code: 'ENOENT' }))).toMatchObject({ status: 418 })
    for (const key of [
      'orm:sequelize:SequelizeEmptyResultError',
      'mongo:mongoose:CastError',
      'mongo:mongoose',
      'outbound:4xx',
      'transient',
    ]) {
      expect(() => createClassifier({ overrides: { [key]: 404 } }), key).not.toThrow()
    }
  })
})
