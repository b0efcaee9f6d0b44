import { DataAPIClient } from '@datastax/astra-db-ts'
import { type Collect, rejectionOf } from '../case.js'
import { UPSTREAM_4XX } from './support/http-expect.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@datastax/astra-db-ts'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const port = await closedPort()
  // The client does not retry; requestTimeoutMs / generalMethodTimeoutMs 250 for the timeout case.
  const findOne = (endpoint: string, ms = 5000) =>
    new DataAPIClient('AstraCS:test-token', {
      httpOptions: { client: 'fetch' },
      timeoutDefaults: { requestTimeoutMs: ms, generalMethodTimeoutMs: ms },
    })
      .db(endpoint, { keyspace: 'app' })
      .collection('documents')
      .findOne({ _id: 'doc-1' })
  const settings =
    'collection.findOne over fetch (the client does not retry), 250 ms request timeout for the timeout case'
  try {
    const cases = await runMatrix({
      library,
      up,
      call: () => findOne(up.url),
      refused: () => findOne(`http://127.0.0.1:${port}`),
      timeout: () => findOne(up.url, 250),
      body: (status, message) => ({
        errors: [{ message, errorCode: `HTTP_${status}`, family: 'REQUEST', scope: '', title: message }],
      }),
      conflict: [409, 'Collection is being modified by another operation'],
      keepsRetryAfter: { 429: true, 503: true },
      skip: [403, 502],
      // A 401 is parsed like a 200: DataAPIResponseError with the body, no status.
      silentStatuses: [401],
      settings,
    })
    // The Data API answers 200 with an `errors` array when the collection does not exist.
    up.reply({
      status: 200,
      body: {
        errors: [
          {
            message: "Collection 'documents' does not exist in keyspace 'app'.",
            errorCode: 'COLLECTION_NOT_EXIST',
            family: 'REQUEST',
            scope: 'SCHEMA',
            title: 'Collection does not exist',
          },
        ],
      },
    })
    const error = await rejectionOf(() => findOne(up.url))
    cases.push({
      library,
      what: `the Data API answered 200 with errorCode COLLECTION_NOT_EXIST: our server queries a collection that was never created (${describe(error)})`,
      why: 'a dependency rejecting our request (our misconfiguration): 500',
      expect: UPSTREAM_4XX,
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}
