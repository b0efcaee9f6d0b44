import Fastify from 'fastify'
import mercurius from 'mercurius'

const { defaultErrorFormatter, ErrorWithProps } = mercurius

import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/http-upstream.js'

const library = 'mercurius'

const schema = /* GraphQL */ `
  type Author {
    name: String!
    books: [Book!]!
  }
  type Book {
    id: ID!
    title: String!
    author: Author!
    stock: Int!
  }
  type Query {
    book(id: ID!): Book
    books(first: Int!): [Book!]!
  }
  type Mutation {
    cancelOrder(id: ID!): Boolean!
  }
`

export const collect: Collect = async () => {
  const caught: unknown[] = []
  const stockPort = await closedPort()
  const app = Fastify({ logger: false })
  const dune = { id: 'b-1', title: 'Dune' }
  await app.register(mercurius, {
    schema,
    queryDepth: 4,
    csrfPrevention: true,
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(),
    resolvers: {
      Query: {
        book: (_root: unknown, { id }: { id: string }) => {
          if (id === 'b-bug') {
            const row = undefined as unknown as { title: string }
            return { id, title: row.title }
          }
          return dune
        },
        books: () => [dune],
      },
      Book: {
        author: () => ({ name: 'Frank Herbert' }),
        // The stock comes from the warehouse service, which is down.
        stock: async () => {
          const res = await fetch(`http://127.0.0.1:${stockPort}/stock/b-1`)
          return ((await res.json()) as { available: number }).available
        },
      },
      Author: { books: () => [dune] },
      Mutation: {
        cancelOrder: () => {
          throw new ErrorWithProps('only the buyer may cancel this order', { code: 'FORBIDDEN' }, 403)
        },
      },
    },
    // The app's error hooks: the thrown request errors, and the execution errors of each result.
    errorHandler: (error, _request, reply) => {
      caught.push(error)
      void reply.code(400).send({ errors: [{ message: 'error' }] })
    },
    errorFormatter: (execution, context) => {
      caught.push(execution.errors[0])
      return defaultErrorFormatter(execution, context)
    },
  })
  await app.ready()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const post = async (body: unknown): Promise<unknown> => {
    const before = caught.length
    await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    })
    if (caught.length === before) throw new Error(`no error for ${JSON.stringify(body)}`)
    return caught[caught.length - 1]
  }
  try {
    add(
      "POST /graphql with query '{ book(id: 1) { title }' (unbalanced brace): MER_ERR_GQL_VALIDATION " +
        'with the syntax error in .errors',
      'malformed request syntax (the GraphQL document does not parse); mercurius carries 400',
      { status: 400 },
      await post({ query: '{ book(id: 1) { title }' }),
    )
    add(
      "POST /graphql asking for Book.isbn, which the schema lacks: MER_ERR_GQL_VALIDATION ('Cannot query field')",
      'the GraphQL document is invalid against the schema; GraphQL-over-HTTP and mercurius say 400: ' +
        'the framework 400 stands',
      { status: 400 },
      await post({ query: '{ book(id: "b-1") { isbn } }' }),
    )
    add(
      'POST /graphql with variables {first: "ten"} for $first: Int!: MER_ERR_GQL_VALIDATION (variable coercion error)',
      'client input of the wrong type refused before execution; mercurius carries 400: the framework 400 stands',
      { status: 400 },
      await post({
        query: 'query ($first: Int!) { books(first: $first) { id } }',
        variables: { first: 'ten' },
      }),
    )
    add(
      'POST /graphql nesting book.author.books.author.books.author past queryDepth 4: MER_ERR_GQL_VALIDATION ' +
        'wrapping MER_ERR_GQL_QUERY_DEPTH',
      "the client's query is refused by the server's limit; mercurius carries 400",
      { status: 400 },
      await post({
        query: '{ book(id: "b-1") { author { books { author { books { author { name } } } } } } }',
      }),
    )
    add(
      'POST /graphql with only an unknown persisted-query hash (automatic persisted queries): ' +
        'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND',
      'an error that carries the status the framework chose: 400 (the client resends with the query)',
      { status: 400 },
      await post({
        extensions: {
          persistedQuery: {
            version: 1,
            sha256Hash: '4d6a3b7e0f1c2b8a9e5d4c3b2a190817263544536271809fedcba9876543210a',
          },
        },
      }),
    )
    {
      const before = caught.length
      await app.inject({
        method: 'GET',
        url: `/graphql?query=${encodeURIComponent('mutation { cancelOrder(id: "o-1") }')}`,
        headers: { 'mercurius-require-preflight': 'true' },
      })
      if (caught.length === before) throw new Error('no error for GET mutation')
      add(
        'GET /graphql (with the preflight header) carrying a mutation: MER_ERR_METHOD_NOT_ALLOWED',
        'an error that carries the status the framework chose: 405',
        { status: 405 },
        caught[caught.length - 1],
      )
    }
    {
      const before = caught.length
      await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'text/plain' },
        payload: '{"query":"{ books(first: 1) { id } }"}',
      })
      if (caught.length === before) throw new Error('no error for the CSRF case')
      add(
        'POST /graphql as text/plain without a preflight header (a simple cross-site request): ' +
          'MER_ERR_GQL_CSRF_PREVENTION',
        'the framework refused the request and carries 400',
        { status: 400 },
        caught[caught.length - 1],
      )
    }
    add(
      "mutation cancelOrder: the resolver throws mercurius' ErrorWithProps('only the buyer may cancel this order', " +
        "{code: 'FORBIDDEN'}, 403); the formatter gets the located GraphQLError around it",
      'a status the app chose (originalError.statusCode 403)',
      { status: 403 },
      await post({ query: 'mutation { cancelOrder(id: "o-1") }' }),
    )
    add(
      'query book(id: "b-bug"): our resolver reads .title of undefined (located GraphQLError, originalError TypeError)',
      'our bug: 500',
      { status: 500 },
      await post({ query: '{ book(id: "b-bug") { title } }' }),
    )
    add(
      'query books { stock }: the resolver fetches the warehouse service on a closed loopback port ' +
        "(located GraphQLError, originalError TypeError 'fetch failed', cause ECONNREFUSED)",
      'refused / unreachable dependency inside a resolver: 503',
      REFUSED,
      await post({ query: '{ books(first: 1) { stock } }' }),
    )
    return cases
  } finally {
    await app.close()
  }
}
