import { imageSize } from 'image-size'
import { Jimp } from 'jimp'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'image-size'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// image-size: reads an uploaded image's dimensions from its header bytes (an avatar endpoint checks
// width/height before storing). Its errors are plain TypeError / RangeError with a message.
export const collect: Collect = async () => {
  const png = await new Jimp({ width: 8, height: 6, color: 0x336699ff }).getBuffer('image/png')
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'avatar upload is a PDF document (%PDF- header), not an image: TypeError "unsupported file type: undefined"',
    why: 'size / type: an upload whose type the endpoint does not support, 415',
    expect: { status: 415 },
    error: thrownBy(() => imageSize(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'))),
  })
  cases.push({
    library,
    what: 'avatar upload claims image/png but is truncated after 12 bytes: TypeError "Invalid PNG"',
    why: "malformed request syntax: the client's corrupt upload, 400",
    expect: { status: 400 },
    error: thrownBy(() => imageSize(png.subarray(0, 12))),
  })
  cases.push({
    library,
    what: 'avatar upload is a JPEG whose first segment runs past the end of the bytes: TypeError "Corrupt JPG, exceeded buffer limits"',
    why: "malformed request syntax: the client's corrupt upload, 400",
    expect: { status: 400 },
    error: thrownBy(() => imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))),
  })
  cases.push({
    library,
    what: 'avatar upload with an empty body (0 bytes) passed to imageSize: RangeError "Offset is outside the bounds of the DataView"',
    why: "malformed request syntax: the client's empty / broken upload, 400 (a RangeError, but the scenario decides)",
    expect: { status: 400 },
    error: thrownBy(() => imageSize(new Uint8Array(0))),
  })
  cases.push({
    library,
    what: 'our handler passed the upload field name (a string) instead of its bytes to imageSize: TypeError ERR_INVALID_ARG_TYPE "The \\"list\\" argument must be an instance of ... ArrayBufferView"',
    why: 'everything else: misuse of the library by our code, 500',
    expect: { status: 500 },
    error: thrownBy(() => imageSize('avatar' as unknown as Uint8Array)),
  })
  return cases
}
