import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import yauzl from 'yauzl'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'yauzl'

/** Reads every entry of a zip the way an upload handler does: lazily, streaming each entry. */
function readAll(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err)
      const names: string[] = []
      zip.on('error', reject)
      zip.on('end', () => resolve(names))
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName)
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr) return reject(openErr)
          stream.on('error', reject)
          stream.on('data', () => {})
          stream.on('end', () => zip.readEntry())
        })
      })
      zip.readEntry()
    })
  })
}

/** A one-entry zip (deflated), and the offsets of its local and central headers. */
function sampleZip(): { zip: Buffer; local: number; central: number } {
  const zip = Buffer.from(zipSync({ 'photos/manifest.json': strToU8('{"photos":[]}'.repeat(40)) }))
  return {
    zip,
    local: zip.indexOf(Buffer.from([0x50, 0x4b, 3, 4])),
    central: zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2])),
  }
}

// yauzl: streaming zip reader, used by a photo-album import endpoint on the client's upload. It
// validates entry names (no absolute paths, no `..`) and sizes. Its errors are plain `Error`s.
export const collect: Collect = async () => {
  const { zip, local, central } = sampleZip()
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'album upload is a zip truncated before its end-of-central-directory record: Error "End of central directory record signature not found. Either not a zip file, or file is truncated."',
    why: "malformed request syntax: the client's truncated upload, 400",
    expect: { status: 400 },
    error: await rejectionOf(() => readAll(zip.subarray(0, zip.length - 8))),
  })
  cases.push({
    library,
    what: 'album upload holds an entry named "../../etc/cron.d/evil" (zip-slip): Error "invalid relative path: ../../etc/cron.d/evil"',
    why: "malformed request syntax: the client's archive has an illegal entry name, 400",
    expect: { status: 400 },
    error: await rejectionOf(() =>
      readAll(Buffer.from(zipSync({ '../../etc/cron.d/evil': strToU8('* * * * * root sh') }))),
    ),
  })
  const lying = Buffer.from(zip)
  lying.writeUInt32LE(10, local + 22)
  lying.writeUInt32LE(10, central + 24)
  cases.push({
    library,
    what: 'album upload whose entry declares 10 bytes uncompressed but inflates to more: stream Error "too many bytes in the stream. expected 10. got at least …"',
    why: "malformed request syntax: the client's archive lies about its sizes, 400",
    expect: { status: 400 },
    error: await rejectionOf(() => readAll(lying)),
  })
  const badLocal = Buffer.from(zip)
  badLocal.writeUInt32LE(0x11111111, local)
  const lzma = Buffer.from(zip)
  lzma.writeUInt16LE(14, local + 8)
  lzma.writeUInt16LE(14, central + 10)
  cases.push({
    library,
    what: 'album upload whose entry is LZMA-compressed (method 14): Error "unsupported compression method: 14"',
    why: 'size / type: a compression method the endpoint does not support, 415',
    expect: { status: 415 },
    error: await rejectionOf(() => readAll(lzma)),
  })
  const encrypted = Buffer.from(zip)
  encrypted.writeUInt16LE(encrypted.readUInt16LE(local + 6) | 1, local + 6)
  encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8)
  cases.push({
    library,
    what: 'album upload is a password-protected zip (encryption flag set): Error "entry is encrypted, and options.decodeFileData !== false"',
    why: 'size / type: an encrypted archive the endpoint does not support, 415 (ambiguous with 400/422; unsupported content fits best)',
    expect: { status: 415 },
    error: await rejectionOf(() => readAll(encrypted)),
  })
  cases.push({
    library,
    what: 'our code asks openReadStream for a byte range of a deflated entry (ranges need decodeFileData: false), thrown synchronously: Error "start/end range require options.decodeFileData === false for non-trivial encoded entries."',
    why: 'everything else: misuse of the library by our code, 500',
    expect: { status: 500 },
    error: await rejectionOf(
      () =>
        new Promise<void>((resolve, reject) => {
          yauzl.fromBuffer(zip, { lazyEntries: true }, (err, zipFile) => {
            if (err) return reject(err)
            zipFile.on('entry', (entry: yauzl.Entry) => {
              try {
                zipFile.openReadStream(entry, { start: 0, end: 16 }, (openErr, stream) => {
                  zipFile.close()
                  if (openErr) return reject(openErr)
                  stream.resume()
                  resolve()
                })
              } catch (thrown) {
                zipFile.close()
                reject(thrown)
              }
            })
            zipFile.readEntry()
          })
        }),
    ),
  })
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-yauzl-'))
  try {
    const stored = join(dir, 'sample-album.zip')
    writeFileSync(stored, zip.subarray(0, 40))
    cases.push({
      library,
      what: 'our own stored sample-album.zip (a demo asset) is truncated on disk: yauzl.open(path) Error "End of central directory record signature not found. Either not a zip file, or file is truncated."',
      why: 'everything else: our own stored asset is corrupt (same message as a truncated upload; the scenario decides), 500',
      expect: { status: 500 },
      error: await rejectionOf(
        () =>
          new Promise<void>((resolve, reject) =>
            yauzl.open(stored, { lazyEntries: true }, (err, zipFile) => {
              if (err) return reject(err)
              zipFile.close()
              resolve()
            }),
          ),
      ),
    })
    cases.push({
      library,
      what: 'our own sample-album.zip is missing from the assets directory: yauzl.open(path) Error ENOENT "no such file or directory, open …"',
      why: 'everything else: ENOENT of our own file, never 404, 500',
      expect: { status: 500 },
      error: await rejectionOf(
        () =>
          new Promise<void>((resolve, reject) =>
            yauzl.open(join(dir, 'missing-album.zip'), (err, zipFile) => {
              if (err) return reject(err)
              zipFile.close()
              resolve()
            }),
          ),
      ),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
