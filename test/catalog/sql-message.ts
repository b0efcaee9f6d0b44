import { catalog } from './example.js'

// The sql-message family reads a constraint failure by its wording when no SQLSTATE came with it
// (embedded stores, SQL emulators, drivers that drop the code). Its examples are those messages on
// a plain error; real ones, thrown live by such stores, are measured by the held-out set
// (test/held-out/), which a catalog must not name.

export default catalog('sql-message', [
  {
    error: 'a SQL message without a code: "violates unique constraint", "Duplicate entry", "duplicate key"',
    make: () => new Error("Can't insert key taken@example.com, it violates the unique constraint"),
    rule: 'sql-message:unique',
    status: 409,
  },
  {
    error:
      'an engine\'s unique failure after its exception type ("Constraint Error: … violates primary key constraint")',
    make: () => new Error('Constraint Error: Duplicate key "id: 1" violates primary key constraint.'),
    rule: 'sql-message:unique',
    status: 409,
  },
  {
    error: 'a SQL message without a code: "violates foreign key constraint", "foreign key constraint fails"',
    make: () =>
      new Error(
        'insert or update on table "account" violates foreign key constraint "account_parent_id_fkey"',
      ),
    rule: 'sql-message:foreign-key',
    status: 409,
  },
  {
    error: 'a SQL message without a code: "violates not-null constraint"',
    make: () => new Error('null value in column "email" of relation "account" violates not-null constraint'),
    rule: 'sql-message:not-null',
    status: 422,
  },
  {
    error: 'a SQL message without a code: "violates check constraint"',
    make: () => new Error('new row for relation "account" violates check constraint "account_age_check"'),
    rule: 'sql-message:check',
    status: 422,
  },
  {
    error:
      'SQL Server\'s wording without its number: "conflicted with the FOREIGN KEY constraint", "… CHECK constraint", "column does not allow nulls"',
    make: () =>
      new Error(
        'The INSERT statement conflicted with the FOREIGN KEY constraint "FK_users_teams". The conflict occurred in database "app", table "dbo.teams", column \'id\'.',
      ),
    rule: 'sql-message:foreign-key',
    status: 409,
  },
  {
    error:
      'a SQL message without a code: "invalid input syntax for", "Conversion Error: …", "Out of Range Error: …"',
    make: () => new Error('invalid input syntax for type integer: "abc"'),
    rule: 'sql-message:invalid-input',
    status: 400,
  },
  {
    error: 'a SQL message without a code: "could not serialize access" (another transaction changed the row)',
    make: () => new Error('could not serialize access due to concurrent update'),
    rule: 'sql-message:contention',
    status: 503,
    retryable: true,
  },
  {
    error:
      'a query that had to find a row and found none: "No rows updated", "No data returned from the query."',
    // A query builder's words when an update that required a row matched none.
    make: () => new Error('No rows updated'),
    rule: 'sql-message:no-row',
    status: 404,
  },
  {
    error:
      "a query builder's `NotFoundError` made after the query, with the SQL it ran (`sql`) or words of a missing record",
    make: async () => {
      // A driver's error, made where the query's answer came back (after an await, in a package).
      class NotFoundError extends Error {
        readonly sql = 'SELECT * FROM users WHERE email = $1'
      }
      await Promise.resolve()
      const error = new NotFoundError('Resource not found.')
      error.name = 'NotFoundError'
      error.stack = `NotFoundError: Resource not found.\n    at query (/srv/app/node_modules/sql-client/dist/query.js:41:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`
      return error
    },
    rule: 'sql-message:no-row',
    status: 404,
  },
])
