import { describe, expect, it } from 'vitest'
import * as elysia from '../src/adapters/elysia.js'
import * as express from '../src/adapters/express.js'
import * as fastify from '../src/adapters/fastify.js'
import * as fetchAdapter from '../src/adapters/fetch.js'
import * as h3 from '../src/adapters/h3.js'
import * as hono from '../src/adapters/hono.js'
import * as koa from '../src/adapters/koa.js'
import * as nest from '../src/adapters/nest.js'
import * as next from '../src/adapters/next.js'
import * as nodeAdapter from '../src/adapters/node.js'
import * as client from '../src/client.js'
import * as core from '../src/index.js'
import * as otel from '../src/otel.js'

// The public surface of every entry point. A change here is a change to the contract: update the
// CHANGELOG with it.
describe('export surface', () => {
  it.each([
    [
      'http-triage',
      core,
      [
        'CODES',
        'DEFAULT_RULES',
        'HttpError',
        'REDACTED_KEYS',
        'REQUEST_ID_PATTERN',
        'badGateway',
        'badRequest',
        'classify',
        'codeForStatus',
        'conflict',
        'createClassifier',
        'createReporter',
        'createRequestIdGenerator',
        'createResponder',
        'createSerializer',
        'forbidden',
        'gatewayTimeout',
        'gone',
        'httpError',
        'internalError',
        'isValidRequestId',
        'jsonBody',
        'methodNotAllowed',
        'notFound',
        'notImplemented',
        'payloadTooLarge',
        'problemBody',
        'resolveRequestId',
        'serialize',
        'serviceUnavailable',
        'titleForStatus',
        'tooManyRequests',
        'unauthorized',
        'unsupportedMediaType',
        'validationFailed',
      ],
    ],
    ['http-triage/express', express, ['errorHandler', 'notFoundHandler']],
    ['http-triage/fastify', fastify, ['errorHandler', 'httpTriage', 'notFoundHandler']],
    ['http-triage/hono', hono, ['catchThrown', 'errorHandler', 'notFoundHandler', 'streamErrorHandler']],
    ['http-triage/fetch', fetchAdapter, ['errorHandler', 'notFoundHandler', 'toResponse']],
    ['http-triage/otel', otel, ['ERROR_COUNTER', 'openTelemetry']],
    ['http-triage/client', client, ['ProblemError', 'readProblem', 'retryDecision', 'withRetry']],
    ['http-triage/nest', nest, ['HttpTriageFilter']],
    ['http-triage/elysia', elysia, ['httpTriage']],
    ['http-triage/koa', koa, ['errorHandler']],
    [
      'http-triage/node',
      nodeAdapter,
      ['handle', 'handleStream', 'notFoundHandler', 'sendError', 'sendStreamError', 'streamNotFoundHandler'],
    ],
    ['http-triage/h3', h3, ['catchThrown', 'onError']],
    ['http-triage/next', next, ['notFoundHandler', 'withTriage']],
  ])('%s exports exactly its contract', (_entry, module, names) => {
    expect(Object.keys(module).sort()).toEqual([...names].sort())
  })
})
