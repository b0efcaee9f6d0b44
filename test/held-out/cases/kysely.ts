import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

interface Database {
  users: { id: number; email: string }
}

export const collect: Collect = async () => {
  // Kysely's own DummyDriver: every query runs and returns no rows.
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  try {
    return [
      {
        library: 'kysely',
        what: 'executeTakeFirstOrThrow() found no row: NoResultError',
        why: 'not found (like TypeORM EntityNotFoundError / Prisma P2025)',
        expect: { status: 404 },
        error: await rejectionOf(() =>
          db.selectFrom('users').selectAll().where('id', '=', 42).executeTakeFirstOrThrow(),
        ),
      },
    ]
  } finally {
    await db.destroy()
  }
}
