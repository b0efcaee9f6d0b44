import { createServer } from 'node:http'
import { GraphQLError } from 'graphql'
import { createGraphQLError, createSchema, createYoga, maskError } from 'graphql-yoga'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'graphql-yoga'

export const collect: Collect = async () => {
  const errors: unknown[] = []
  const schema = createSchema({
    typeDefs: /* GraphQL */ `
      type Book {
        id: ID!
        title: String!
        price: Float!
      }
      type Query {
        book(id: ID!): Book
        books(first: Int!): [Book!]!
      }
      type Mutation {
        deleteBook(id: ID!): Boolean!
        buy(id: ID!): Boolean!
      }
    `,
    resolvers: {
      Query: {
        book: (_: unknown, { id }: { id: string }) => {
          if (id === 'b-404')
            throw createGraphQLError(`book ${id} not found`, {
              extensions: { code: 'NOT_FOUND', http: { status: 404 } },
            })
          if (id === 'b-bug') {
            const row = undefined as unknown as { title: string }
            return { id, title: row.title, price: 1 }
          }
          return { id, title: 'Dune', price: 9.5 }
        },
        books: (_: unknown, { first }: { first: number }) =>
          Array.from({ length: first }, (_v, i) => ({ id: `b-${i}`, title: 'x', price: null })),
      },
      Mutation: {
        deleteBook: () => {
          throw new GraphQLError('only staff may delete books', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          })
        },
        buy: () => {
          throw createGraphQLError('purchase limit reached, retry in 60 s', {
            extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': '60' } } },
          })
        },
      },
    },
  })
  const yoga = createYoga({
    schema,
    logging: false,
    graphiql: false,
    landingPage: false,
    plugins: [
      {
        // The app's logging hook for documents that fail validation (yoga answers them unmasked).
        onValidate() {
          return ({ result }: { result: readonly unknown[] }) => {
            if (result.length > 0) errors.push(result[0])
          }
        },
      },
    ],
    // The app's error hook: every other error yoga handles passes through maskError.
    maskedErrors: {
      maskError(error, message, isDev) {
        errors.push(error)
        return maskError(error, message, isDev)
      },
    },
  })
  const server = createServer(yoga)
  server.keepAliveTimeout = 100
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}/graphql`
  const caught = async (init: RequestInit, query = '') => {
    const before = errors.length
    const res = await fetch(`${url}${query}`, init)
    const text = await res.text()
    if (errors.length !== before + 1)
      throw new Error(`${errors.length - before} errors (${res.status} ${text})`)
    return errors[before]
  }
  const post = (body: string, type = 'application/json'): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': type, accept: 'application/graphql-response+json' },
    body,
  })
  const gql = (query: string, variables?: unknown) => post(JSON.stringify({ query, variables }))
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: "POST /graphql with a truncated JSON body: GraphQLError 'POST body sent invalid JSON.' (extensions.http.status 400)",
        why: 'malformed request syntax: 400',
        expect: { status: 400 },
        error: await caught(post('{"query": "{ book(id: 1) { id } }"')),
      },
      {
        library,
        what: "PUT /graphql: GraphQLError 'GraphQL only supports GET and POST requests.' (extensions.http.status 405, Allow header in extensions)",
        why: 'a status the framework chose for our answer: 405',
        expect: { status: 405 },
        error: await caught({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
      },
      {
        library,
        what: "POST /graphql with a JSON body without `query`: GraphQLError 'Must provide query string.' (http status 400)",
        why: 'malformed request: 400 (the status it carries)',
        expect: { status: 400 },
        error: await caught(post(JSON.stringify({ variables: {} }))),
      },
      {
        library,
        what: "POST /graphql with query '{ book(id: 1) { id }' (unbalanced brace): GraphQLError 'Syntax Error: Expected Name, found <EOF>.'",
        why: 'malformed request syntax (GraphQL document does not parse): 400',
        expect: { status: 400 },
        error: await caught(gql('{ book(id: 1) { id }')),
      },
      {
        library,
        what: 'POST /graphql asking for a field the schema lacks (Book.author): GraphQLError \'Cannot query field "author" on type "Book".\' from validation',
        why: 'the GraphQL document is invalid against the schema; GraphQL-over-HTTP answers 400 and yoga carries 400: ambiguous with 422, the framework 400 stands',
        expect: { status: 400 },
        error: await caught(gql('{ book(id: 1) { id author } }')),
      },
      {
        library,
        what: 'POST /graphql with variables {first: "ten"} for $first: Int!: GraphQLError \'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value\'',
        why: 'client input of the wrong type, refused before execution; yoga carries 400 for it: ambiguous with 422, the framework 400 stands',
        expect: { status: 400 },
        error: await caught(gql('query ($first: Int!) { books(first: $first) { id } }', { first: 'ten' })),
      },
      {
        library,
        what: "query book(id: \"b-404\"): the resolver throws createGraphQLError('book b-404 not found', {extensions: {code: 'NOT_FOUND', http: {status: 404}}})",
        why: 'a status the app chose: 404',
        expect: { status: 404 },
        error: await caught(gql('{ book(id: "b-404") { id } }')),
      },
      {
        library,
        what: "mutation deleteBook: the resolver throws GraphQLError('only staff may delete books', {extensions: {code: 'FORBIDDEN', http: {status: 403}}}) (located error, path deleteBook)",
        why: 'a status the app chose: 403 forbidden',
        expect: { status: 403 },
        error: await caught(gql('mutation { deleteBook(id: "b-1") }')),
      },
      {
        library,
        what: "mutation buy: the resolver throws createGraphQLError with extensions http {status: 429, headers: {'retry-after': '60'}}",
        why: 'rate limit the app chose: 429 + Retry-After 60',
        expect: { status: 429, headers: { 'retry-after': '60' } },
        error: await caught(gql('mutation { buy(id: "b-1") }')),
      },
      {
        library,
        what: 'query book(id: "b-bug"): our resolver reads .title of undefined (GraphQLError wrapping TypeError "Cannot read properties of undefined (reading \'title\')" as originalError)',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await caught(gql('{ book(id: "b-bug") { id title } }')),
      },
      {
        library,
        what: "query books(first: 1): our resolver returns price null for a Float! field (GraphQLError 'Cannot return null for non-nullable field Book.price.')",
        why: 'our bug (resolver broke the schema contract): 500',
        expect: { status: 500 },
        error: await caught(gql('{ books(first: 1) { id price } }')),
      },
    )
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await yoga.dispose()
  }
}
