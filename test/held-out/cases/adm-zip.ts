import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AdmZip from 'adm-zip'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'adm-zip'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** A one-entry zip (deflated), and the offsets of its local and central headers. */
function sampleZip(): { zip: Buffer; local: number; central: number } {
  const builder = new AdmZip()
  builder.addFile('rows.csv', Buffer.from('id,name\n1,ada\n'.repeat(40)))
  const zip = builder.toBuffer()
  return {
    zip,
    local: zip.indexOf(Buffer.from([0x50, 0x4b, 3, 4])),
    central: zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2])),
  }
}

// adm-zip: reads a zip the client uploads to a bulk-import endpoint, in memory. Its own errors are
// plain `Error`s whose message starts with "ADM-ZIP: "; inflate errors from zlib pass through.
export const collect: Collect = async () => {
  const { zip, local, central } = sampleZip()
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'bulk-import upload is a zip cut off before its end-of-central-directory record: Error "ADM-ZIP: Invalid or unsupported zip format. No END header found"',
    why: "malformed request syntax: the client's truncated upload, 400",
    expect: { status: 400 },
    error: thrownBy(() => new AdmZip(zip.subarray(0, zip.length - 10))),
  })
  const badCrc = Buffer.from(zip)
  badCrc.writeUInt32LE(0xdeadbeef, local + 14)
  badCrc.writeUInt32LE(0xdeadbeef, central + 16)
  cases.push({
    library,
    what: 'bulk-import upload whose entry fails its CRC check on getData(): Error "ADM-ZIP: CRC32 checksum failed \\"rows.csv\\""',
    why: "malformed request syntax: the client's corrupt upload, 400",
    expect: { status: 400 },
    error: thrownBy(() => new AdmZip(badCrc).getEntries()[0]!.getData()),
  })
  const badLocal = Buffer.from(zip)
  badLocal.writeUInt32LE(0x11111111, local)
  const badData = Buffer.from(zip)
  for (let i = local + 40; i < local + 50; i++) badData[i]! ^= 0xff
  cases.push({
    library,
    what: 'bulk-import upload whose deflated entry data is damaged: zlib\'s Error "invalid distance too far back", code Z_DATA_ERROR, errno -3, from getData()',
    why: "malformed request syntax: the client's corrupt upload, 400",
    expect: { status: 400 },
    error: thrownBy(() => new AdmZip(badData).getEntries()[0]!.getData()),
  })
  const lying = Buffer.from(zip)
  lying.writeUInt32LE(10, local + 22)
  lying.writeUInt32LE(10, central + 24)
  cases.push({
    library,
    what: 'bulk-import upload whose entry declares 10 bytes uncompressed but inflates to more (zip-bomb shape): RangeError "Cannot create a Buffer larger than 10 bytes", code ERR_BUFFER_TOO_LARGE',
    why: "malformed request syntax: the client's archive lies about its sizes, 400 (ambiguous with 413; the declared size is false, not over a limit)",
    expect: { status: 400 },
    error: thrownBy(() => new AdmZip(lying).getEntries()[0]!.getData()),
  })
  const lzma = Buffer.from(zip)
  lzma.writeUInt16LE(14, local + 8)
  lzma.writeUInt16LE(14, central + 10)
  cases.push({
    library,
    what: 'bulk-import upload whose entry is LZMA-compressed (method 14): Error "ADM-ZIP: Invalid/unsupported compression method"',
    why: 'size / type: a compression method the endpoint does not support, 415',
    expect: { status: 415 },
    error: thrownBy(() => new AdmZip(lzma).readAsText('rows.csv')),
  })
  cases.push({
    library,
    what: 'our export code extracts an entry name that is not in the archive it built: Error "ADM-ZIP: Entry doesn\'t exist"',
    why: 'everything else: our own bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => new AdmZip(zip).extractEntryTo('summary.csv', tmpdir())),
  })
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-adm-zip-'))
  try {
    const stored = join(dir, 'starter-kit.zip')
    writeFileSync(stored, zip.subarray(0, 30))
    cases.push({
      library,
      what: 'our own stored starter-kit.zip (served to every new account) is truncated on disk: new AdmZip(path) Error "ADM-ZIP: Invalid or unsupported zip format. No END header found"',
      why: 'everything else: our own stored asset is corrupt (same message as a truncated upload; the scenario decides), 500',
      expect: { status: 500 },
      error: thrownBy(() => new AdmZip(stored)),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
