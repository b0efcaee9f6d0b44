import { newDb } from 'pg-mem'
import type { Collect } from '../case.js'

// pg-mem: an in-memory PostgreSQL emulation; real constraint errors from its engine.
export const collect: Collect = async () => {
  const db = newDb()
  db.public.none(`
    create table orgs (id int primary key);
    create table users (
      id serial primary key,
      email text not null unique,
      age int check (age >= 0),
      org int references orgs(id)
    );
    insert into orgs values (1);
    insert into users (email, org) values ('a@example.com', 1);
  `)
  const failing = (sql: string): unknown => {
    try {
      db.public.none(sql)
    } catch (error) {
      return error
    }
    throw new Error(`expected ${sql} to fail`)
  }
  return [
    {
      library: 'pg-mem',
      what: 'insert of a duplicate email: unique constraint violated (code 23505)',
      why: 'unique violation',
      expect: { status: 409 },
      error: failing(`insert into users (email) values ('a@example.com')`),
    },
    {
      library: 'pg-mem',
      what: 'insert of a null email: not-null constraint violated',
      why: 'database not-null violation',
      expect: { status: 422 },
      error: failing('insert into users (email) values (null)'),
    },
    {
      library: 'pg-mem',
      what: 'insert of age -1: check constraint violated',
      why: 'database check violation',
      expect: { status: 422 },
      error: failing(`insert into users (email, age) values ('b@example.com', -1)`),
    },
    {
      library: 'pg-mem',
      what: 'insert referencing a missing org: foreign key constraint violated',
      why: 'FK violation',
      expect: { status: 409 },
      error: failing(`insert into users (email, org) values ('c@example.com', 9)`),
    },
    {
      library: 'pg-mem',
      what: "lookup by id 'abc' on an integer column: invalid input syntax for integer",
      why: 'malformed value that reached the database (pg class 22)',
      expect: { status: 400 },
      error: failing(`select * from users where id = 'abc'`),
    },
    {
      library: 'pg-mem',
      what: 'query of a table that does not exist: relation "invoices" does not exist',
      why: 'a server bug (schema mismatch), everything else',
      expect: { status: 500 },
      error: failing('select * from invoices'),
    },
  ]
}
