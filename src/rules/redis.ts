import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import {
  codeOf,
  constructorName,
  get,
  getArray,
  getString,
  lookup,
  messageOf,
  nameOf,
} from '../internal/safe.js'
import type { Verdict } from '../types.js'

const { conflict, unavailable, timeout, serverBug } = DB_VERDICTS

/**
 * Redis error replies by their prefix (https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors):
 * a server loading, read-only, busy with a script, out of memory or without a healthy cluster is
 * unavailable (503). Our credentials (NOAUTH, NOPERM, WRONGPASS) and our commands (ERR,
 * WRONGTYPE, NOSCRIPT …) are server bugs.
 */
const REPLY_PREFIXES: Readonly<Record<string, Verdict>> = {
  LOADING: unavailable,
  READONLY: unavailable,
  BUSY: unavailable,
  MASTERDOWN: unavailable,
  CLUSTERDOWN: unavailable,
  TRYAGAIN: unavailable,
  OOM: unavailable,
  MISCONF: unavailable,
  NOREPLICAS: unavailable,
  NOAUTH: serverBug,
  NOPERM: serverBug,
  WRONGPASS: serverBug,
}

/** The reply classes of ioredis (redis-errors) and node-redis (packages/client/lib/errors.ts). */
const REPLY_CLASSES = new Set(['ReplyError', 'ErrorReply', 'SimpleError', 'BlobError'])

/**
 * node-redis client errors by class: every one of them keeps `name: 'Error'`, so the constructor
 * names them (redis/node-redis packages/client/lib/errors.ts).
 */
const NODE_REDIS_CLASSES: Readonly<Record<string, Verdict>> = {
  SocketClosedUnexpectedlyError: unavailable,
  ClientClosedError: unavailable,
  ClientOfflineError: unavailable,
  ConnectionTimeoutError: unavailable,
  DisconnectsClientError: unavailable,
  RootNodesUnavailableError: unavailable,
  ReconnectStrategyError: unavailable,
  TimeoutError: timeout,
  SocketTimeoutError: timeout,
  SocketTimeoutDuringMaintenanceError: timeout,
  CommandTimeoutDuringMaintenanceError: timeout,
  WatchError: { ...conflict, message: 'The resource was changed by another request.' },
}

/**
 * Client errors known by their message only: ioredis throws plain `Error`s (redis/ioredis
 * lib/Redis.ts, lib/Command.ts, lib/cluster/index.ts), and a bundler may rename node-redis' classes.
 */
const CLIENT_MESSAGES: Readonly<Record<string, Verdict>> = {
  'Connection is closed.': { ...unavailable, rule: 'redis:connection-closed' },
  "Stream isn't writeable and enableOfflineQueue options is false": { ...unavailable, rule: 'redis:offline' },
  "Cluster isn't ready and enableOfflineQueue options is false": { ...unavailable, rule: 'redis:offline' },
  'None of startup nodes is available': { ...unavailable, rule: 'redis:cluster-unavailable' },
  'Cluster is ended.': { ...unavailable, rule: 'redis:cluster-unavailable' },
  'Command timed out': { ...timeout, rule: 'redis:command-timeout' },
  'Socket closed unexpectedly': { ...unavailable, rule: 'redis:SocketClosedUnexpectedlyError' },
  'The client is closed': { ...unavailable, rule: 'redis:ClientClosedError' },
  'The client is offline': { ...unavailable, rule: 'redis:ClientOfflineError' },
  'All the root nodes are unavailable': { ...unavailable, rule: 'redis:RootNodesUnavailableError' },
}

// ioredis `socketTimeout`: "Socket timeout. Expecting data, but didn't receive any in 500ms."
const SOCKET_TIMEOUT = /^Socket timeout\. Expecting data, but didn't receive any in \d+ms\.$/
const REPLY_PREFIX = /^([A-Z][A-Z_]*)(?:\s|$)/

function replyVerdict(message: string): Verdict {
  const prefix = REPLY_PREFIX.exec(message)?.[1]
  const known = lookup(REPLY_PREFIXES, prefix)
  if (known) return { ...known, rule: `redis:${prefix}` }
  if (prefix === 'ERR' && message.startsWith('ERR max number of clients reached')) {
    return { ...unavailable, rule: 'redis:max-clients' }
  }
  return { ...serverBug, rule: `redis:${prefix ?? 'reply'}` }
}

/** The replies a failed transaction carries: node-redis `MultiErrorReply`, ioredis `EXECABORT`. */
function failedReplies(value: unknown): unknown[] | undefined {
  if (constructorName(value) === 'MultiErrorReply') {
    const replies = getArray(value, 'replies') ?? []
    return (getArray(value, 'errorIndexes', 16) ?? []).map((index) =>
      typeof index === 'number' ? replies[index] : undefined,
    )
  }
  return getArray(value, 'previousErrors', 16)
}

/**
 * Redis errors from ioredis and node-redis: error replies by prefix (`redis:LOADING`,
 * `redis:READONLY`, `redis:OOM` … 503; `redis:NOAUTH` and other replies 500), ioredis
 * `MaxRetriesPerRequestError` and closed connections (503), command and socket timeouts (504),
 * node-redis client errors by class, and `WatchError` (409). A failed `MULTI` is decided by the
 * replies it carries.
 */
export const redisRule = family({
  name: 'redis',
  triggers: {
    names: [
      'ReplyError',
      'MaxRetriesPerRequestError',
      'ClusterAllFailedError',
      'MultiErrorReply',
      ...REPLY_CLASSES,
      ...Object.keys(NODE_REDIS_CLASSES),
    ],
    codes: ['ETIMEDOUT'],
    messages: Object.keys(CLIENT_MESSAGES),
    messagePrefixes: ['Socket timeout. '],
  },
  read(value) {
    const name = nameOf(value)
    const ctor = constructorName(value)
    const message = messageOf(value)
    if (ctor === 'MultiErrorReply' || (name === 'ReplyError' && get(value, 'previousErrors') !== undefined)) {
      return { ...serverBug, rule: 'redis:EXECABORT', weak: true }
    }
    if (message !== undefined && (name === 'ReplyError' || (ctor !== undefined && REPLY_CLASSES.has(ctor)))) {
      return replyVerdict(message)
    }
    if (name === 'MaxRetriesPerRequestError' || name === 'ClusterAllFailedError') {
      return { ...unavailable, rule: `redis:${name}` }
    }
    const byClass = name === 'Error' ? lookup(NODE_REDIS_CLASSES, ctor) : undefined
    if (byClass) return { ...byClass, rule: `redis:${ctor}` }
    // ioredis' own connect timeout: `errorno` (sic) and `syscall`, no numeric errno (lib/Redis.ts).
    if (
      codeOf(value) === 'ETIMEDOUT' &&
      get(value, 'errorno') === 'ETIMEDOUT' &&
      getString(value, 'syscall') === 'connect'
    ) {
      return { ...unavailable, rule: 'redis:connect-timeout' }
    }
    if (message === undefined || codeOf(value) !== undefined) return undefined
    if (name === 'Error' || name === 'AbortError') {
      const known = lookup(CLIENT_MESSAGES, message)
      if (known) return known
      if (SOCKET_TIMEOUT.test(message)) return { ...timeout, rule: 'redis:socket-timeout' }
    }
    return undefined
  },
  unwrap: failedReplies,
})
