import myzod from 'myzod'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const post = myzod.object({ title: myzod.string().min(2), tags: myzod.array(myzod.string()) })
  let parsed: unknown
  try {
    post.parse({ title: 'a', tags: [1] })
  } catch (error) {
    parsed = error
  }
  return [
    {
      library: 'myzod',
      what: 'schema.parse of a post with a short title and a numeric tag: MyZodError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: parsed,
    },
  ]
}
