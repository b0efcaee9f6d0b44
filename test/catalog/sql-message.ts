import { catalog } from './example.js'

// The sql-message family reads a constraint failure by its wording when no SQLSTATE came with it
// (embedded stores, SQL emulators, drivers that drop the code). Its examples are those messages on
// a plain error; real ones, thrown live by such stores, are measured by the held-out set
// (test/held-out/), which a catalog must not name.

export default catalog('sql-message', [
  {
    error:
      'a SQL message without a code, /violates (?:the )?unique (?:index|constraint)|^duplicate key\\b|^Duplicate entry /i',
    make: () => new Error("Can't insert key taken@example.com, it violates the unique constraint"),
    rule: 'sql-message:unique',
    status: 409,
  },
  {
    error: 'a SQL message without a code, /violates foreign key constraint|foreign key constraint fails/i',
    make: () =>
      new Error(
        'insert or update on table "account" violates foreign key constraint "account_parent_id_fkey"',
      ),
    rule: 'sql-message:foreign-key',
    status: 409,
  },
  {
    error: 'a SQL message without a code, /violates not-null constraint/i',
    make: () => new Error('null value in column "email" of relation "account" violates not-null constraint'),
    rule: 'sql-message:not-null',
    status: 422,
  },
  {
    error:
      'a SQL message without a code, /violates check constraint|^check constraint .{0,128} is violated/i',
    make: () => new Error('new row for relation "account" violates check constraint "account_age_check"'),
    rule: 'sql-message:check',
    status: 422,
  },
  {
    error: 'a SQL message without a code, /^invalid input (?:syntax|value) for /i',
    make: () => new Error('invalid input syntax for type integer: "abc"'),
    rule: 'sql-message:invalid-input',
    status: 400,
  },
])
