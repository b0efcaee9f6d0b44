import ImageKit from 'imagekit'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'imagekit'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

export const collect: Collect = async () => {
  const up = await startUpstream()
  const make = (uploadEndpoint: string) =>
    new ImageKit({
      publicKey: 'public_not_a_real_key=',
      privateKey: 'private_not_a_real_key=',
      urlEndpoint: 'https://ik.imagekit.io/demo',
      uploadEndpoint,
    })
  const ik = make(`${up.url}/api/v1/files/upload`)
  const upload = (client = ik) => client.upload({ file: PNG, fileName: 'avatar-42.png', folder: '/avatars' })
  const cases: HeldOutCase[] = []
  const add = caseAdder(
    library,
    cases,
    '; the SDK rejects an upstream answer as the plain body object with a non-enumerable ' +
      '$ResponseMetadata { statusCode, headers }; no timeout, no retries',
  )
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="imagekit"' },
      body: {
        message: 'Your account cannot be authenticated.',
        help: 'For support kindly contact us at support@imagekit.io .',
      },
    })
    add(
      'the upload API answered 401 to our private key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => upload()),
      401,
    )

    up.reply({
      status: 403,
      body: {
        message: 'Your account has exceeded the storage limit.',
        help: 'Upgrade your plan to continue.',
      },
    })
    add(
      'the upload API answered 403 "exceeded the storage limit" to our account',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => upload()),
      403,
    )

    up.reply({
      status: 429,
      headers: {
        'retry-after': '7',
        'x-ratelimit-limit': '100',
        'x-ratelimit-reset': '7000',
        'x-ratelimit-interval': '60000',
      },
      body: { message: 'Too many requests', help: '' },
    })
    add(
      'the upload API answered 429 with Retry-After: 7 and X-RateLimit-* headers (the SDK copies the ' +
        'X-RateLimit values into the body; all headers stay in $ResponseMetadata.headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => upload()),
      429,
    )

    up.reply({ status: 500, body: { message: 'We have encountered an internal error.', help: '' } })
    add('the upload API answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => upload()), 500)

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/plain' },
      body: 'upstream connect error or disconnect/reset before headers',
    })
    add(
      'an edge proxy in front of the upload API answered 502 with a text body (the SDK rejects { help: ' +
        '<text> } with $ResponseMetadata)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => upload()),
      502,
    )

    const refused = make(`http://127.0.0.1:${await closedPort()}/api/v1/files/upload`)
    add(
      'connection refused by a closed loopback port (the axios error is passed on as is)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => upload(refused)),
    )

    add(
      'upload() was called without fileName (our server forgot to pass the name); the SDK rejects its own ' +
        '{ message, help } object before any request',
      'our misuse of the SDK: 500',
      { status: 500 },
      await rejectionOf(() => ik.upload({ file: PNG, fileName: '' })),
    )

    add(
      'the client was built without a private key (the environment variable was empty); the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(
        () =>
          new ImageKit({
            publicKey: 'public_not_a_real_key=',
            privateKey: '',
            urlEndpoint: 'https://ik.imagekit.io/demo',
          }),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
