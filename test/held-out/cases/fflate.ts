import { gzipSync as nodeGzip } from 'node:zlib'
import { Gunzip, gunzip, gunzipSync, inflateSync, strToU8, unzipSync, zipSync } from 'fflate'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'fflate'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// fflate: pure-JS (de)compression, used to decode a client's `Content-Encoding: gzip` / `deflate`
// request body and zip uploads, and to serve our precompressed assets. Its errors are plain
// `Error`s with a numeric `code` (FlateErrorCode: 0 unexpected EOF, 1 invalid block type, …).
export const collect: Collect = async () => {
  const body = nodeGzip(
    Buffer.from(JSON.stringify({ events: Array.from({ length: 50 }, (_, i) => ({ i })) })),
  )
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'request says Content-Encoding: gzip but the body is plain JSON: gunzipSync Error "invalid gzip data", code 6',
    why: "malformed request syntax: the client's body is not what its encoding says, 400",
    expect: { status: 400 },
    error: thrownBy(() => gunzipSync(strToU8('{"events":[]}'))),
  })
  cases.push({
    library,
    what: 'gzip request body cut off 12 bytes before its end: gunzipSync Error "unexpected EOF", code 0',
    why: "malformed request syntax: the client's truncated compressed body, 400",
    expect: { status: 400 },
    error: thrownBy(() => gunzipSync(body.subarray(0, body.length - 12))),
  })
  cases.push({
    library,
    what: 'gzip request body cut off after 20 bytes, decoded with the async gunzip(): callback Error "unexpected EOF", code 0',
    why: "malformed request syntax: the client's truncated compressed body, 400",
    expect: { status: 400 },
    error: await rejectionOf(
      () =>
        new Promise((resolve, reject) =>
          gunzip(body.subarray(0, 20), (err, data) => (err ? reject(err) : resolve(data))),
        ),
    ),
  })
  cases.push({
    library,
    what: 'request says Content-Encoding: deflate (raw) but the bytes are not a deflate stream: inflateSync Error "invalid block type", code 1',
    why: "malformed request syntax: the client's corrupt compressed body, 400",
    expect: { status: 400 },
    error: thrownBy(() => inflateSync(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))),
  })
  const zip = zipSync({ 'data.csv': strToU8('id,name\n1,ada\n'.repeat(30)) })
  const lzma = Buffer.from(zip)
  lzma.writeUInt16LE(14, lzma.indexOf(Buffer.from([0x50, 0x4b, 3, 4])) + 8)
  lzma.writeUInt16LE(14, lzma.indexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 10)
  cases.push({
    library,
    what: 'zip upload whose entry is LZMA-compressed (method 14): unzipSync Error "unknown compression type 14", code 14',
    why: 'size / type: a compression method the endpoint does not support, 415',
    expect: { status: 415 },
    error: thrownBy(() => unzipSync(lzma)),
  })
  cases.push({
    library,
    what: 'our streaming decoder pushes a chunk after it already pushed the final one: Gunzip.push Error "stream finished", code 4',
    why: 'everything else: misuse of the library by our code, 500',
    expect: { status: 500 },
    error: thrownBy(() => {
      const stream = new Gunzip()
      stream.ondata = () => {}
      stream.push(body, true)
      stream.push(body, true)
    }),
  })
  const asset = Buffer.from(body)
  for (let i = 10; i < 30; i++) asset[i]! ^= 0x5a
  cases.push({
    library,
    what: 'our own precompressed asset (app.js.gz, read from our storage) is corrupt on disk: gunzipSync to serve a client without gzip support, Error "invalid block type", code 1',
    why: 'everything else: our own stored asset is corrupt (same shape as a corrupt client body; the scenario decides), 500',
    expect: { status: 500 },
    error: thrownBy(() => gunzipSync(asset)),
  })
  return cases
}
