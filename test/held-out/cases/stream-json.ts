// stream-json: a bulk-import route on a node:http server on 127.0.0.1 streams the raw request body
// through stream-json (an array of records, or JSON Lines) without buffering it. Each error is what
// the route's `await pipeline(...)` rejected with, i.e. what the app's error handler receives.
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import jsonlParser from 'stream-json/jsonl/parser.js'
import streamArray from 'stream-json/streamers/stream-array.js'
import type { HeldOutCase } from '../case.js'
import { rawServer } from './support/raw-server.js'

const library = 'stream-json'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const server = await rawServer(async (req) => {
    let count = 0
    const sink = new Writable({
      objectMode: true,
      write(_item, _enc, done) {
        count++
        done()
      },
    })
    if ((req.url ?? '').startsWith('/import.jsonl')) {
      await pipeline(req, jsonlParser.asStream(), sink)
    } else {
      await pipeline(
        req,
        streamArray.withParserAsStream({ maxDepth: 8, maxPackedLength: 2048 } as never),
        sink,
      )
    }
    return { imported: count }
  })
  try {
    const post = (path: string, body: string, type = 'application/json') =>
      server.caught(path, { method: 'POST', body, headers: { 'content-type': type } })

    cases.push({
      library,
      what: 'array of records with a missing comma between two objects: Error "Parser cannot parse input: expected \',\'"',
      why: 'malformed request syntax (JSON body)',
      expect: { status: 400 },
      error: await post('/import', '[{"id": 1} {"id": 2}]'),
    })
    cases.push({
      library,
      what: 'array of records with a bare word as a value: Error "Parser cannot parse input: expected a value"',
      why: 'malformed request syntax (JSON body)',
      expect: { status: 400 },
      error: await post('/import', '[{"id": 1, "name": ann}]'),
    })
    cases.push({
      library,
      what: 'body cut off in the middle of the second record: Error "Parser has expected a string value"',
      why: 'malformed request syntax (truncated JSON body)',
      expect: { status: 400 },
      error: await post('/import', '[{"id": 1}, {"id": 2, "name": "b'),
    })
    cases.push({
      library,
      what: 'well-formed JSON whose top level is an object, to a route that streams an array: Error "Top-level object should be an array."',
      why: 'malformed request for this endpoint (not an array); ambiguous between 400 and 422, 400 fits the parser error best',
      expect: { status: 400 },
      error: await post('/import', '{"records": [{"id": 1}]}'),
    })
    cases.push({
      library,
      what: 'records nested 12 levels deep, over maxDepth 8: RangeError "parser: JSON nesting depth exceeds maxDepth (8)"',
      why: 'client input over a parser limit; not a size, so 400 (malformed/unacceptable request) fits best',
      expect: { status: 400 },
      error: await post('/import', `[${'['.repeat(12)}1${']'.repeat(12)}]`),
    })
    cases.push({
      library,
      what: 'one string value of 300 000 characters (arriving over several socket chunks) over maxPackedLength 2048: RangeError "parser: a packed value exceeds maxPackedLength (2048)"',
      why: 'too large (one value over the size limit): 413',
      expect: { status: 413 },
      error: await post('/import', `[{"note": "${'n'.repeat(300000)}"}]`),
    })
    cases.push({
      library,
      what: 'JSON Lines upload whose second line is not JSON: SyntaxError from the line parser',
      why: 'malformed request syntax (JSON Lines body)',
      expect: { status: 400 },
      error: await post('/import.jsonl', '{"id": 1}\n{"id": 2,}\n{"id": 3}\n', 'application/x-ndjson'),
    })
  } finally {
    await server.close()
  }
  return cases
}
