import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Jimp } from 'jimp'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { startUpstream } from './support/http-upstream.js'
import { closedPort } from './support/local.js'

const library = 'jimp'

// jimp: pure-JS image decode / resize / encode, used by a thumbnail endpoint on the uploaded bytes,
// on our stored assets, and on images our server fetches from the image origin. Its errors are
// plain `Error`s with a message (decoders' own: pngjs, jpeg-js, bmp, gif), and a ZodError for
// arguments its plugins validate.
export const collect: Collect = async () => {
  const png = await new Jimp({ width: 8, height: 6, color: 0x336699ff }).getBuffer('image/png')
  const jpeg = await new Jimp({ width: 1200, height: 1000, color: 0x336699ff }).getBuffer('image/jpeg')
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'thumbnail upload is a plain-text file (no image signature): Error "Could not find MIME for Buffer"',
    why: "malformed request syntax: the client's upload is not an image at all (unrecognisable bytes), 400",
    expect: { status: 400 },
    error: await rejectionOf(() => Jimp.fromBuffer(Buffer.from('name,email\nada,ada@example.com\n'))),
  })
  cases.push({
    library,
    what: 'thumbnail upload is a WebP image, which jimp cannot decode: Error "Mime type image/webp does not support decoding"',
    why: 'size / type: an image format the endpoint does not support, 415',
    expect: { status: 415 },
    error: await rejectionOf(() =>
      Jimp.fromBuffer(
        Buffer.concat([
          Buffer.from('RIFF'),
          Buffer.from([0x24, 0, 0, 0]),
          Buffer.from('WEBPVP8 '),
          Buffer.alloc(40),
        ]),
      ),
    ),
  })
  cases.push({
    library,
    what: 'thumbnail upload is a PNG cut off after 40 bytes: Error "There are some read requests waitng on finished stream" (pngjs)',
    why: "malformed request syntax: the client's truncated upload, 400",
    expect: { status: 400 },
    error: await rejectionOf(() => Jimp.fromBuffer(png.subarray(0, 40))),
  })
  cases.push({
    library,
    what: 'thumbnail upload is a 1200x1000 JPEG, decoded with our limit maxResolutionInMP: 1: Error "maxResolutionInMP limit exceeded by 1MP" (jpeg-js)',
    why: 'size / type: an upload over the pixel limit, 413',
    expect: { status: 413 },
    error: await rejectionOf(() => Jimp.fromBuffer(jpeg, { 'image/jpeg': { maxResolutionInMP: 1 } })),
  })
  const image = await Jimp.fromBuffer(png)
  cases.push({
    library,
    what: "our thumbnail preset config has width -64 (a typo), passed to resize(): ZodError too_small 'Number must be greater than or equal to 0'",
    why: 'everything else: our misconfiguration; the ZodError validates our call to the library, not the request (the zod row is for request validation), 500',
    expect: { status: 500 },
    error: await rejectionOf(() => image.resize({ w: -64 })),
  })
  // Server-side: our own stored assets and the image origin our server fetches from.
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-jimp-'))
  const origin = await startUpstream()
  try {
    const watermark = join(dir, 'watermark.png')
    writeFileSync(watermark, png.subarray(0, png.length - 20))
    cases.push({
      library,
      what: 'our own stored watermark.png (read from our assets directory) is truncated on disk: Jimp.read(path) Error "There are some read requests waitng on finished stream" (pngjs)',
      why: 'everything else: our own stored asset is corrupt (same message as a truncated upload; the scenario decides), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => Jimp.read(watermark)),
    })
    origin.reply({ status: 404, body: 'not found' })
    cases.push({
      library,
      what: 'our server fetches the stored original from the image origin (127.0.0.1), which answers 404: Error "HTTP Status 404 for url http://127.0.0.1:…/originals/42.png"',
      why: 'upstream said 4xx to us: our server asked for a key it should have, 500 (never passed through)',
      upstreamStatus: 404,
      expect: { status: 500 },
      error: await rejectionOf(() => Jimp.read(`${origin.url}/originals/42.png`)),
    })
    origin.reply({ status: 503, headers: { 'retry-after': '5' }, body: 'overloaded' })
    cases.push({
      library,
      what: 'our server fetches the stored original from the image origin, which answers 503: Error "HTTP Status 503 for url http://127.0.0.1:…/originals/42.png"',
      why: 'upstream 503: dependency unavailable, 503 retryable (the Retry-After header is not on the error)',
      upstreamStatus: 503,
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => Jimp.read(`${origin.url}/originals/42.png`)),
    })
    origin.reply({ status: 500, body: 'boom' })
    cases.push({
      library,
      what: 'our server fetches the stored original from the image origin, which answers 500: Error "HTTP Status 500 for url http://127.0.0.1:…/originals/42.png"',
      why: 'upstream answered badly: upstream 5xx, 502',
      upstreamStatus: 500,
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => Jimp.read(`${origin.url}/originals/42.png`)),
    })
    const port = await closedPort()
    cases.push({
      library,
      what: 'our server fetches the stored original from the image origin, whose port refuses the connection: Error "Could not load Buffer from URL: http://127.0.0.1:…/originals/42.png" (the fetch error is dropped)',
      why: 'dependency unavailable: the image origin refused the connection, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => Jimp.read(`http://127.0.0.1:${port}/originals/42.png`)),
    })
  } finally {
    await origin.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
