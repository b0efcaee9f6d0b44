import Fastify from 'fastify'
import YAML from 'yaml'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = 'yaml'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  const errors = keepErrors(app)
  // The app accepts YAML bodies: a content-type parser that hands yaml's error to Fastify.
  app.addContentTypeParser('application/yaml', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, YAML.parse(body as string))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
  // A second YAML type whose parser options hold a typo of ours (there is no "yaml-1.2" schema).
  app.addContentTypeParser('application/x-yaml', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, YAML.parse(body as string, { schema: 'yaml-1.2' }))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
  app.post('/pipelines', async (request) => ({ ok: request.body !== undefined }))
  const server = await serveErrors(app, errors)
  const post = (body: string, type = 'application/yaml') =>
    server.rejection('/pipelines', { method: 'POST', body, headers: { 'content-type': type } })
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '',
  ].join('\n')
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a YAML body with a mis-indented key: YAMLParseError BAD_INDENT (pos, linePos)',
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await post('steps:\n  build: 1\n test: 2\n'),
      },
      {
        library,
        what: 'a YAML body with the same key twice: YAMLParseError DUPLICATE_KEY',
        why: 'malformed request syntax (YAML forbids duplicate keys): 400',
        expect: { status: 400 },
        error: await post('name: build\nname: test\n'),
      },
      {
        library,
        what: 'a YAML body with two documents: YAMLParseError MULTIPLE_DOCS',
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await post('name: build\n---\nname: test\n'),
      },
      {
        library,
        what: 'a YAML body with an unterminated double quote: YAMLParseError MISSING_CHAR',
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await post('name: "build\n'),
      },
      {
        library,
        what: 'a YAML body with an alias to an anchor never set: plain ReferenceError "Unresolved alias (the anchor must be set before the alias): nope"',
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await post('name: *nope\n'),
      },
      {
        library,
        what: 'a "billion laughs" YAML body (nested aliases): plain ReferenceError "Excessive alias count indicates a resource exhaustion attack"',
        why: 'malformed / hostile request body: 400',
        expect: { status: 400 },
        error: await post(bomb),
      },
      {
        library,
        what: 'YAML.parse called with schema "yaml-1.2" (our typo): plain Error "Unknown schema \\"yaml-1.2\\"; use one of …"',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await post('name: build\n', 'application/x-yaml'),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}
