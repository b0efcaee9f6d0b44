import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'pdf-lib'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// pdf-lib: loads the PDF a client uploads to a "sign and stamp" endpoint, embeds the client's
// signature image, and fills our own stored templates. Its errors are plain `Error`s (some
// subclasses keep the name "Error"), a TypeError for bad arguments, and a thrown string.
export const collect: Collect = async () => {
  const source = await PDFDocument.create()
  source.addPage()
  source.addPage()
  const pdf = Buffer.from(await source.save())
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'sign endpoint upload is a .docx (a zip), not a PDF: PDFDocument.load Error "Failed to parse PDF document (line:… col:… offset=…): No PDF header found"',
    why: 'size / type: a document type the endpoint does not support, 415',
    expect: { status: 415 },
    error: await rejectionOf(() =>
      PDFDocument.load(
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'word/document.xml': strToU8('<w:document/>'),
        }),
      ),
    ),
  })
  cases.push({
    library,
    what: 'sign endpoint upload is a PDF cut off after 200 bytes, loaded with throwOnInvalidObject: Error "Trying to parse invalid object: {\\"line\\":…,\\"column\\":…,\\"offset\\":…})"',
    why: "malformed request syntax: the client's truncated upload, 400",
    expect: { status: 400 },
    error: await rejectionOf(() => PDFDocument.load(pdf.subarray(0, 200), { throwOnInvalidObject: true })),
  })
  cases.push({
    library,
    what: 'sign endpoint upload is a password-protected PDF (trailer has /Encrypt): EncryptedPDFError (ES5-compiled: constructor and name are plain Error) "Input document to `PDFDocument.load` is encrypted. …"',
    why: 'size / type: encrypted PDFs are content the endpoint does not support, 415 (ambiguous with 422)',
    expect: { status: 415 },
    error: await rejectionOf(() =>
      PDFDocument.load(
        Buffer.from(
          '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt << /Filter /Standard >> >>\n%%EOF\n',
        ),
      ),
    ),
  })
  const doc = await PDFDocument.load(pdf)
  cases.push({
    library,
    what: 'signature image upload (this endpoint accepts PNG only) is a JPEG: embedPng rejects with the string "The input is not a PNG file!" (not an Error)',
    why: 'size / type: an image format the endpoint does not support, 415',
    expect: { status: 415 },
    error: await rejectionOf(() =>
      doc.embedPng(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])),
    ),
  })
  cases.push({
    library,
    what: 'signature image upload is a PNG cut off inside its IHDR chunk: embedPng RangeError "Invalid typed array length: 0"',
    why: "malformed request syntax: the client's truncated upload, 400 (a RangeError, but the scenario decides)",
    expect: { status: 400 },
    error: await rejectionOf(() =>
      doc.embedPng(Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(4)])),
    ),
  })
  cases.push({
    library,
    what: 'our stamping code takes the "last page" as getPage(getPageCount()) (off by one): Error "`index` must be at least 0 and at most 1, but was actually 2"',
    why: 'everything else: our own bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => doc.getPage(doc.getPageCount())),
  })
  const helvetica = await doc.embedFont(StandardFonts.Helvetica)
  cases.push({
    library,
    what: 'our code draws the client\'s name "山田 太郎" with the standard Helvetica font: drawText Error "WinAnsi cannot encode \\"山\\" (0x5c71)"',
    why: 'everything else: our font choice cannot render valid input, our bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => doc.getPage(0).drawText('山田 太郎', { font: helvetica, size: 12 })),
  })
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-pdf-lib-'))
  try {
    const template = join(dir, 'certificate-template.pdf')
    writeFileSync(template, pdf)
    const filled = await PDFDocument.load(readFileSync(template))
    cases.push({
      library,
      what: 'our stored certificate-template.pdf has no form field "recipient" (the template was re-exported without it): getForm().getTextField Error "PDFDocument has no form field with the name \\"recipient\\""',
      why: 'everything else: our own template is wrong, 500',
      expect: { status: 500 },
      error: thrownBy(() => filled.getForm().getTextField('recipient')),
    })
    writeFileSync(template, pdf.subarray(0, 200))
    cases.push({
      library,
      what: 'our stored certificate-template.pdf is truncated on disk, loaded with throwOnInvalidObject: Error "Trying to parse invalid object: …"',
      why: 'everything else: our own stored asset is corrupt (same message as a truncated upload; the scenario decides), 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        PDFDocument.load(readFileSync(template), { throwOnInvalidObject: true }),
      ),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
