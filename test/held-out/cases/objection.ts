import knex from 'knex'
import ClientPgLite from 'knex-pglite'
import { Model } from 'objection'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'objection'

class Author extends Model {
  static override tableName = 'authors'
  declare id: number
  declare email: string
  declare name: string
}

class Book extends Model {
  static override tableName = 'books'
  static override jsonSchema = {
    type: 'object',
    required: ['title', 'authorId'],
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      authorId: { type: 'integer' },
      pages: { type: 'integer', minimum: 1 },
    },
  }
  declare id: number
  declare title: string
  declare authorId: number
  declare pages: number
}

// Objection 3 on knex 3, with an in-memory PGlite (Postgres in WebAssembly) through knex-pglite.
export const collect: Collect = async () => {
  const db = knex({ client: ClientPgLite as any, dialect: 'postgres', connection: {} })
  Model.knex(db)
  const cases: HeldOutCase[] = []
  try {
    await db.raw(
      'create table authors (id serial primary key, email text not null unique, name text not null)',
    )
    await db.raw(`create table books (
      id serial primary key,
      title text not null,
      "authorId" integer not null references authors(id),
      pages integer check (pages > 0),
      isbn uuid
    )`)
    await db('authors').insert({ email: 'ada@example.com', name: 'Ada' })

    cases.push({
      library,
      what: 'Author.query().findById(4242).throwIfNotFound(): no row',
      why: "not found: the ORM's find-or-fail",
      expect: { status: 404 },
      error: await rejectionOf(() => Author.query().findById(4242).throwIfNotFound()),
    })
    cases.push({
      library,
      what: 'inserted an author whose email is taken (unique constraint)',
      why: 'conflicts: unique violation',
      expect: { status: 409 },
      error: await rejectionOf(() => Author.query().insert({ email: 'ada@example.com', name: 'Ada 2' })),
    })
    cases.push({
      library,
      what: 'inserted a book whose authorId references no author (foreign key)',
      why: 'conflicts: FK violation',
      expect: { status: 409 },
      error: await rejectionOf(() => Book.query().insert({ title: 'Notes', authorId: 99 })),
    })
    cases.push({
      library,
      what: 'inserted an author without a name through knex (not-null constraint)',
      why: 'schema validation: database not-null violation',
      expect: { status: 422 },
      error: await rejectionOf(() => Author.query().insert({ email: 'grace@example.com' } as any)),
    })
    cases.push({
      library,
      what: 'patched a book with pages = 0 through a raw knex update (check constraint)',
      why: 'schema validation: database check violation',
      expect: { status: 422 },
      error: await rejectionOf(async () => {
        const book = await Book.query().insert({ title: 'Notes', authorId: 1, pages: 10 })
        await Book.query()
          .patch({ pages: db.raw('0') as any })
          .where('id', book.id)
      }),
    })
    cases.push({
      library,
      what: "Book.query().insert() with a title of '' and pages -3: Model jsonSchema (ajv) failed",
      why: 'schema validation of client input (although it carries statusCode 400)',
      expect: { status: 422 },
      error: await rejectionOf(() => Book.query().insert({ title: '', authorId: 1, pages: -3 })),
    })
    cases.push({
      library,
      what: "findOne({ isbn: 'not-a-uuid' }): invalid input syntax for type uuid",
      why: 'malformed request syntax: a malformed value reached the database (pg class 22)',
      expect: { status: 400 },
      error: await rejectionOf(() => Book.query().findOne({ isbn: 'not-a-uuid' })),
    })
    cases.push({
      library,
      what: "where('nickname', …) on a column that does not exist (42703, wrapped as DBError)",
      why: 'a bug in our query: everything else, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => Author.query().where('nickname', 'ada')),
    })
    return cases
  } finally {
    await db.destroy()
  }
}
