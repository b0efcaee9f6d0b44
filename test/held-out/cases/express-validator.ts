import { body, query, validationResult } from 'express-validator'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const req = { body: { email: 'nope', password: '1' }, query: { limit: 'lots' } }
  await body('email').isEmail().run(req)
  await body('password').isLength({ min: 8 }).run(req)
  await query('limit').isInt({ min: 1, max: 100 }).run(req)
  let thrown: unknown
  try {
    validationResult(req).throw()
  } catch (error) {
    thrown = error
  }
  return [
    {
      library: 'express-validator',
      what: 'validationResult(req).throw() after email, password and limit checks failed',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: thrown,
    },
  ]
}
