import { parse } from 'csv-parse'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'csv-parse'

export const collect: Collect = async () => {
  const app = express()
  // A bulk import: the client uploads text/csv, the route streams it through csv-parse and passes
  // the parser's error to next().
  app.post('/contacts/import', (req, res, next) => {
    const rows: unknown[] = []
    const parser = parse({ columns: true, max_record_size: 256, relax_column_count: false })
    parser.on('readable', () => {
      for (let row = parser.read(); row !== null; row = parser.read()) rows.push(row)
    })
    parser.on('error', (error) => {
      req.unpipe(parser)
      req.resume()
      next(error)
    })
    parser.on('end', () => res.json({ imported: rows.length }))
    req.pipe(parser)
  })
  // A second import whose parser options hold a bug of ours (a delimiter of the wrong type).
  app.post('/leads/import', (req, res, next) => {
    try {
      const parser = parse({ columns: true, delimiter: 1 as unknown as string })
      req.pipe(parser).on('end', () => res.json({ ok: true }))
    } catch (error) {
      req.resume()
      next(error)
    }
  })
  const server = await serveErrors(app)
  const upload = (path: string, body: string) =>
    server.rejection(path, { method: 'POST', body, headers: { 'content-type': 'text/csv' } })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'an upload whose last field opens a quote that never closes: CsvError CSV_QUOTE_NOT_CLOSED',
        why: 'malformed request syntax (the uploaded CSV does not parse): 400',
        expect: { status: 400 },
        error: await upload('/contacts/import', 'name,email\nAda,"ada@example.com\n'),
      },
      {
        library,
        what: 'a quoted field followed by stray characters: CsvError CSV_INVALID_CLOSING_QUOTE',
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await upload('/contacts/import', 'name,email\n"Ada"x,ada@example.com\n'),
      },
      {
        library,
        what: 'a row with three fields under a two-column header: CsvError CSV_RECORD_INCONSISTENT_COLUMNS',
        why: 'malformed request syntax (the CSV structure is broken): 400',
        expect: { status: 400 },
        error: await upload('/contacts/import', 'name,email\nAda,ada@example.com,extra\n'),
      },
      {
        library,
        what: 'a single field longer than max_record_size 256: CsvError CSV_MAX_RECORD_SIZE',
        why: 'size: one record of the upload exceeds our limit (413)',
        expect: { status: 413 },
        error: await upload('/contacts/import', `name,email\n"${'A'.repeat(400)}",ada@example.com\n`),
      },
      {
        library,
        what: 'parse() called with delimiter 1 (our bug): CsvError CSV_INVALID_OPTION_DELIMITER',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await upload('/leads/import', 'name,email\nAda,ada@example.com\n'),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
