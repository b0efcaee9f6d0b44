import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import bookshelf from 'bookshelf'
import knex from 'knex'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'bookshelf'

// bookshelf 1.2 over knex 0.21 (its supported range) and pg, against a real PostgreSQL engine:
// PGlite served over the wire protocol on 127.0.0.1 by @electric-sql/pglite-socket. Collected:
// bookshelf's own errors (require-style fetch/update/delete, relation misuse). Server errors are
// pg's DatabaseError passed through unchanged, so they are not collected here.
export const collect: Collect = async () => {
  const pglite = await PGlite.create()
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 })
  await server.start()
  const port = Number(String(server.getServerConn()).split(':').pop())
  const db = knex({
    client: 'pg',
    connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
    pool: { min: 0, max: 1 },
  })
  const orm = bookshelf(db)
  const User = orm.model('User', { tableName: 'users' })
  const cases: HeldOutCase[] = []
  try {
    await db.raw('CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, team int)')
    await db.raw("INSERT INTO users VALUES (1, 'a@example.com', 7)")

    cases.push({
      library,
      what: 'GET /users/42: User.where({id: 42}).fetch() (require is on by default): User.NotFoundError (name "CustomError", built by create-error) "EmptyResponse"',
      why: 'find-or-fail of a missing row, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => User.where({ id: 42 }).fetch()),
    })
    cases.push({
      library,
      what: 'GET /teams/9/members: fetchAll({require: true}) found none: Collection.EmptyError (name "CustomError") "EmptyResponse"',
      why: 'find-or-fail of missing rows, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => User.where({ team: 9 }).fetchAll({ require: true })),
    })
    cases.push({
      library,
      what: 'PATCH /users/42: new User({id: 42}).save({...}, {patch: true}) updated nothing: NoRowsUpdatedError (name "CustomError") "No Rows Updated"',
      why: 'update of a missing row (require): not found, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => new User({ id: 42 }).save({ team: 8 }, { patch: true })),
    })
    cases.push({
      library,
      what: 'DELETE /users/42: new User({id: 42}).destroy() deleted nothing: NoRowsDeletedError (name "CustomError") "No Rows Deleted"',
      why: 'delete of a missing row (require): not found, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => new User({ id: 42 }).destroy()),
    })
    cases.push({
      library,
      what: 'GET /users/1?include=posts: fetch({withRelated: ["posts"]}) on a model with no such relation: Error "posts is not defined on the model."',
      why: 'our bug (undefined relation), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => User.where({ id: 1 }).fetch({ withRelated: ['posts'] })),
    })
    cases.push({
      library,
      what: 'save({...}, {method: "update"}) on a model without an id: Error "A model cannot be updated without a \\"where\\" clause or an idAttribute."',
      why: 'our bug (misuse), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => new User().save({ team: 8 }, { method: 'update', patch: true })),
    })
  } finally {
    await db.destroy()
    await server.stop()
    await pglite.close()
  }
  return cases
}
