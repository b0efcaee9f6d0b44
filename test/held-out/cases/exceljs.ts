import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'exceljs'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** exceljs types its input as its own `Buffer extends ArrayBuffer`; at run time it takes a Node Buffer. */
function upload(bytes: Buffer): Parameters<ExcelJS.Xlsx['load']>[0] {
  return bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]
}

// exceljs: reads the .xlsx / .csv a client uploads to a spreadsheet-import endpoint, and writes our
// own reports. Corrupt zips surface jszip's plain `Error`s; broken parts surface TypeErrors from its
// parsers; its own checks throw plain `Error`s.
export const collect: Collect = async () => {
  const book = new ExcelJS.Workbook()
  book.addWorksheet('Orders').addRow(['id', 'total'])
  const xlsx = Buffer.from(await book.xlsx.writeBuffer())
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'spreadsheet upload is an .xlsx truncated by 100 bytes: xlsx.load Error "Corrupted zip: can\'t find end of central directory" (jszip)',
    why: "malformed request syntax: the client's truncated upload, 400",
    expect: { status: 400 },
    error: await rejectionOf(() =>
      new ExcelJS.Workbook().xlsx.load(upload(xlsx.subarray(0, xlsx.length - 100))),
    ),
  })
  cases.push({
    library,
    what: 'spreadsheet upload is a legacy .xls (OLE2 compound file, D0CF11E0 header), not .xlsx: xlsx.load Error "Can\'t find end of central directory : is this a zip file ? …" (jszip)',
    why: 'size / type: a file format the endpoint does not support, 415',
    expect: { status: 415 },
    error: await rejectionOf(() =>
      new ExcelJS.Workbook().xlsx.load(
        upload(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)])),
      ),
    ),
  })
  const parts = unzipSync(xlsx)
  const broken = Buffer.from(
    zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1"') }),
  )
  cases.push({
    library,
    what: 'spreadsheet upload whose sheet1.xml is cut off mid-element: xlsx.load TypeError "Cannot set properties of undefined (setting \'sheetNo\')"',
    why: "malformed request syntax: the client's corrupt upload, 400 (a TypeError, but the scenario decides)",
    expect: { status: 400 },
    error: await rejectionOf(() => new ExcelJS.Workbook().xlsx.load(upload(broken))),
  })
  cases.push({
    library,
    what: 'CSV upload with an unclosed quote: csv.read Error "Parse Error: missing closing: \'\\"\' in line: …" (fast-csv)',
    why: "malformed request syntax: the client's malformed CSV, 400",
    expect: { status: 400 },
    error: await rejectionOf(() => new ExcelJS.Workbook().csv.read(Readable.from(['id,name\n1,"ada\n']))),
  })
  cases.push({
    library,
    what: 'our report builder adds a second worksheet with the same name: Error "Worksheet name already exists: Summary"',
    why: 'everything else: our own bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => {
      const report = new ExcelJS.Workbook()
      report.addWorksheet('Summary')
      report.addWorksheet('Summary')
    }),
  })
  cases.push({
    library,
    what: 'our report builder names a sheet after the date "2026/12/07": Error "Worksheet name 2026/12/07 cannot include any of the following characters: * ? : \\ / [ ]"',
    why: 'everything else: our own bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => new ExcelJS.Workbook().addWorksheet('2026/12/07')),
  })
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-exceljs-'))
  try {
    cases.push({
      library,
      what: 'our report template invoice-template.xlsx is missing from the deploy: xlsx.readFile Error "File not found: /tmp/…/invoice-template.xlsx"',
      why: 'everything else: a missing file of our own (never 404), 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        new ExcelJS.Workbook().xlsx.readFile(join(dir, 'invoice-template.xlsx')),
      ),
    })
    const stored = join(dir, 'report-template.xlsx')
    writeFileSync(stored, xlsx.subarray(0, xlsx.length - 100))
    cases.push({
      library,
      what: 'our own stored report-template.xlsx is truncated on disk: xlsx.readFile Error "Corrupted zip: can\'t find end of central directory" (jszip)',
      why: 'everything else: our own stored asset is corrupt (same message as a truncated upload; the scenario decides), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => new ExcelJS.Workbook().xlsx.readFile(stored)),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
