import express from 'express'
import sjson from 'secure-json-parse'
import type { HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'secure-json-parse'

export async function collect(): Promise<HeldOutCase[]> {
  const app = express()
  // The route reads the body as text and parses it itself, refusing prototype keys.
  app.post('/profile', express.text({ type: '*/*' }), (req, res) => {
    const profile = sjson.parse(String(req.body), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    })
    res.json({ ok: true, keys: Object.keys(profile) })
  })
  const server = await serveErrors(app)
  const post = (body: string) =>
    server.rejection('/profile', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  try {
    return [
      {
        library,
        what: 'a JSON body with a "__proto__" key: SyntaxError "Object contains forbidden prototype property"',
        why: "client's malformed / hostile request body: 400",
        expect: { status: 400 },
        error: await post('{"name":"eve","__proto__":{"isAdmin":true}}'),
      },
      {
        library,
        what: 'a JSON body with "constructor": {"prototype": …}: SyntaxError "Object contains forbidden prototype property"',
        why: "client's malformed / hostile request body: 400",
        expect: { status: 400 },
        error: await post('{"name":"eve","constructor":{"prototype":{"isAdmin":true}}}'),
      },
      {
        library,
        what: 'a JSON body with a trailing comma: the JSON.parse SyntaxError ("Expected double-quoted property name…") that the parser lets through',
        why: "client's malformed request body: 400",
        expect: { status: 400 },
        error: await post('{"name":"eve",}'),
      },
      {
        library,
        what: 'an empty JSON body: SyntaxError "Unexpected end of JSON input"',
        why: "client's malformed request body: 400",
        expect: { status: 400 },
        error: await post(''),
      },
    ]
  } finally {
    await server.close()
  }
}
