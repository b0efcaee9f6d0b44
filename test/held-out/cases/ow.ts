import ow from 'ow'
import type { Collect } from '../case.js'

/** What `check` throws. */
function failure(check: () => void): unknown {
  try {
    check()
  } catch (error) {
    return error
  }
  throw new Error('expected the input to be rejected')
}

export const collect: Collect = async () => {
  const body: unknown = { email: 'not-an-email', quantity: 0, coupon: 42 }
  const order = ow.object.exactShape({
    email: ow.string.matches(/^[^@\s]+@[^@\s]+$/),
    quantity: ow.number.integer.positive,
    coupon: ow.optional.string.maxLength(16),
  })
  return [
    {
      library: 'ow',
      what: 'ow(body, exactShape) on an order body with a bad email: ArgumentError with validationErrors',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => ow(body, 'body', order)),
    },
    {
      library: 'ow',
      what: 'ow(query.limit, number.integer.inRange(1, 100)) on limit 500: ArgumentError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => ow(500, 'limit', ow.number.integer.inRange(1, 100))),
    },
    {
      library: 'ow',
      what: 'ow(body.callbackUrl, string.url) on "ftp//missing-colon": ArgumentError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => ow('ftp//missing-colon', 'callbackUrl', ow.string.url)),
    },
  ]
}
