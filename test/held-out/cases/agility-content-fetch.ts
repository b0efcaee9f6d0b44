import agility from '@agility/content-fetch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = '@agility/content-fetch'

// The SDK's own checks of its config and of each call's parameters (a class `TypeError2 extends
// Error`). Its HTTP failures never throw: a non-2xx answer or a network error is logged and the call
// resolves with undefined, so there is no outbound error to catch; and its baseUrl must be https.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; no request is made')
  const api = agility.getApi({ guid: 'a1b2c3d4-u', apiKey: 'defaultlive.not-a-real-key', locale: 'en-us' })

  add(
    'the client was built without a guid (environment variable unset); getApi throws',
    'misconfiguration of ours: 500',
    { status: 500 },
    await rejectionOf(() => agility.getApi({ apiKey: 'defaultlive.not-a-real-key' })),
  )
  add(
    'the client was given an http:// baseUrl from our config; getApi throws "it must be over HTTPs"',
    'misconfiguration of ours: 500',
    { status: 500 },
    await rejectionOf(() =>
      agility.getApi({
        guid: 'a1b2c3d4-u',
        apiKey: 'defaultlive.not-a-real-key',
        baseUrl: 'http://127.0.0.1:8080',
      }),
    ),
  )
  add(
    'getContentList was called with take 500 (a page size the client asked for, passed on unchecked); the call rejects',
    "the SDK's check of our call (an Error subclass with no status), not a validation library: 500",
    { status: 500 },
    await rejectionOf(() => api.getContentList({ referenceName: 'posts', locale: 'en-us', take: 500 })),
  )
  add(
    'getContentList was given a filter whose operator is "startswith"; the call rejects listing the allowed operators',
    "the SDK's check of our call (an Error subclass with no status): 500",
    { status: 500 },
    await rejectionOf(() =>
      api.getContentList({
        referenceName: 'posts',
        locale: 'en-us',
        filters: [{ property: 'fields.title', operator: 'startswith' as never, value: 'Hello' }],
      }),
    ),
  )
  add(
    'getContentItem was called without a contentID (the route parameter was not a number and became undefined); the call rejects',
    "the SDK's check of our call (an Error subclass with no status): 500",
    { status: 500 },
    await rejectionOf(() => api.getContentItem({ locale: 'en-us' } as never)),
  )
  return cases
}
