import { setTimeout as sleep } from 'node:timers/promises'
import { buildSchema, GraphQLError, graphql } from 'graphql'
import type { Collect } from '../case.js'

// Errors from executing a query on our own schema (graphql-js): each resolver error is wrapped in a
// located GraphQLError whose `originalError` is what the resolver threw.
export const collect: Collect = async () => {
  const schema = buildSchema('type Query { secret: String, broken: String, slow: String }')
  const rootValue = {
    secret: () => {
      throw new GraphQLError('not allowed', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })
    },
    broken: () => {
      throw new RangeError('Invalid array length')
    },
    slow: async () => {
      await sleep(2000, undefined, { signal: AbortSignal.timeout(20) })
      return 'late'
    },
  }
  const firstError = async (source: string): Promise<unknown> => {
    const result = await graphql({ schema, source, rootValue })
    return result.errors?.[0]
  }
  return [
    {
      library: 'graphql',
      what: 'a resolver threw GraphQLError with extensions.http.status 403 (FORBIDDEN)',
      why: 'an error that carries an HTTP status (extensions.http, as Apollo Server reads it)',
      expect: { status: 403 },
      error: await firstError('{ secret }'),
    },
    {
      library: 'graphql',
      what: 'a resolver hit a RangeError: located GraphQLError around it',
      why: 'a plain programming error',
      expect: { status: 500 },
      error: await firstError('{ broken }'),
    },
    {
      library: 'graphql',
      what: "a resolver's own AbortSignal.timeout(20) fired: located GraphQLError, originalError AbortError(TimeoutError)",
      why: 'dependency too slow: our own timeout fired (wrapper carries it in originalError)',
      expect: { status: 504, retryable: true },
      error: await firstError('{ slow }'),
    },
  ]
}
