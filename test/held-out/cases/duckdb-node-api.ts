import { DuckDBInstance } from '@duckdb/node-api'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = '@duckdb/node-api'

// @duckdb/node-api: the in-process DuckDB engine (native binding from @duckdb/node-bindings-*).
// Every error is a plain `Error` whose message starts with DuckDB's error type ("Constraint
// Error: …", "Conversion Error: …"); there is no code, no subclass and no extra property.
export const collect: Collect = async () => {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  const other = await instance.connect()
  const cases: HeldOutCase[] = []
  try {
    await conn.run(`
      CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR NOT NULL UNIQUE, age INTEGER CHECK (age >= 0));
      CREATE TABLE orders (id INTEGER, user_id INTEGER REFERENCES users(id), placed DATE);
      CREATE TABLE stock (sku INTEGER PRIMARY KEY, qty INTEGER);
      INSERT INTO users VALUES (1, 'a@example.com', 30);
      INSERT INTO stock VALUES (1, 10);
    `)
    const failing = (sql: string, values?: (string | number | null)[]) =>
      rejectionOf(() => (values ? conn.run(sql, values) : conn.run(sql)))

    cases.push({
      library,
      what: 'insert of a duplicate email: Error "Constraint Error: Duplicate key "email: a@example.com" violates unique constraint."',
      why: 'unique violation',
      expect: { status: 409 },
      error: await failing('INSERT INTO users VALUES ($1, $2, $3)', [2, 'a@example.com', 20]),
    })
    cases.push({
      library,
      what: 'insert with an id that exists: Error "Constraint Error: Duplicate key "id: 1" violates primary key constraint."',
      why: 'unique violation (primary key)',
      expect: { status: 409 },
      error: await failing('INSERT INTO users VALUES ($1, $2, $3)', [1, 'b@example.com', 20]),
    })
    cases.push({
      library,
      what: 'insert of a null email: Error "Constraint Error: NOT NULL constraint failed: users.email"',
      why: 'database not-null violation',
      expect: { status: 422 },
      error: await failing('INSERT INTO users VALUES ($1, $2, $3)', [3, null, 20]),
    })
    cases.push({
      library,
      what: 'insert of age -1: Error "Constraint Error: CHECK constraint failed on table users with expression CHECK((age >= 0))"',
      why: 'database check violation',
      expect: { status: 422 },
      error: await failing('INSERT INTO users VALUES ($1, $2, $3)', [4, 'd@example.com', -1]),
    })
    cases.push({
      library,
      what: 'order for user 99 that does not exist: Error "Constraint Error: Violates foreign key constraint because key "id: 99" does not exist in the referenced table"',
      why: 'FK violation',
      expect: { status: 409 },
      error: await failing('INSERT INTO orders VALUES ($1, $2, NULL)', [1, 99]),
    })
    cases.push({
      library,
      what: 'user id "abc" from the request bound to an INTEGER parameter: Error "Conversion Error: Could not convert string \'abc\' to INT32"',
      why: 'malformed value that reached the database (like pg 22P02)',
      expect: { status: 400 },
      error: await failing('SELECT * FROM users WHERE id = $1::INTEGER', ['abc']),
    })
    cases.push({
      library,
      what: 'date "2024-13-45" from the request cast to DATE: Error "Conversion Error: date field value out of range: …" (with a LINE 1 caret excerpt)',
      why: 'malformed value that reached the database (like pg 22008)',
      expect: { status: 400 },
      error: await failing("INSERT INTO orders VALUES (2, 1, '2024-13-45'::DATE)"),
    })
    cases.push({
      library,
      what: 'quantity 2147483647 from the request added to an INTEGER: Error "Out of Range Error: Overflow in addition of INT32 (…)!"',
      why: 'malformed value that reached the database (like pg 22003 numeric value out of range)',
      expect: { status: 400 },
      error: await failing('UPDATE stock SET qty = qty + $1::INTEGER WHERE sku = 1', [2147483647]),
    })
    cases.push({
      library,
      what: 'a typo in our SQL: Error "Parser Error: syntax error at or near "SELEC"" (with a LINE 1 caret excerpt)',
      why: 'everything else: our own bug',
      expect: { status: 500 },
      error: await failing('SELEC * FROM users'),
    })
    cases.push({
      library,
      what: 'query on a table that was never created: Error "Catalog Error: Table with name sessions does not exist! Did you mean …"',
      why: 'everything else: our own bug / missing migration',
      expect: { status: 500 },
      error: await failing('SELECT * FROM sessions'),
    })

    // Two connections update the same row in overlapping transactions (optimistic MVCC).
    await conn.run('BEGIN TRANSACTION')
    await other.run('BEGIN TRANSACTION')
    await conn.run('UPDATE stock SET qty = qty - 1 WHERE sku = 1')
    cases.push({
      library,
      what: 'concurrent update of the same row by a second transaction: Error "TransactionContext Error: Conflict on update!"',
      why: 'contention that a retry fixes: write-write conflict / serialization failure, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => other.run('UPDATE stock SET qty = qty - 2 WHERE sku = 1')),
    })
    await conn.run('COMMIT')
    await other.run('ROLLBACK')

    // A query deadline of our own: interrupt() the connection after 30 ms.
    const slow = await instance.connect()
    try {
      const running = slow.run('SELECT count(*) FROM range(100000000000) a')
      const timer = setTimeout(() => slow.interrupt(), 30)
      cases.push({
        library,
        what: 'long query stopped by our 30 ms deadline through connection.interrupt(): Error "INTERRUPT Error: Interrupted!"',
        why: 'statement / query timeout (like pg 57014 query_canceled): 504',
        expect: { status: 504 },
        error: await rejectionOf(() => running),
      })
      clearTimeout(timer)
    } finally {
      slow.closeSync()
    }

    cases.push({
      library,
      what: 'opening a database file in a directory that does not exist: Error "IO Error: Cannot open file "…": No such file or directory"',
      why: 'our configuration is wrong (bad database path): 500',
      expect: { status: 500 },
      error: await rejectionOf(() => DuckDBInstance.create('/nonexistent-heldout-r/app.duckdb')),
    })
    const closed = await instance.connect()
    closed.closeSync()
    cases.push({
      library,
      what: 'query on a connection our code already closed: Error "Failed to query: connection disconnected"',
      why: 'everything else: our own lifecycle bug',
      expect: { status: 500 },
      error: await rejectionOf(() => closed.run('SELECT 1')),
    })
    return cases
  } finally {
    other.closeSync()
    conn.closeSync()
    instance.closeSync()
  }
}
