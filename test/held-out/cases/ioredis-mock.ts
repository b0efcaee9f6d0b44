import { createRequire } from 'node:module'
import { type HeldOutCase, rejectionOf } from '../case.js'

const library = 'ioredis-mock'
const Redis = createRequire(import.meta.url)('ioredis-mock') as any

/** ioredis-mock stands in for Redis in a dev/test deployment of the server: these are its answers to our own bugs. */
export async function collect(): Promise<HeldOutCase[]> {
  const redis = new Redis({ data: { 'session:1': 'abc', 'cart:1': 'x' } })
  try {
    return [
      {
        library,
        what: 'lpush onto a key that holds a string (our key-naming bug): Error "Key session:1 does not contain a list"',
        why: 'our bug (WRONGTYPE): 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.lpush('session:1', 'event')),
      },
      {
        library,
        what: 'rpush onto a key that holds a string (our bug): Error "WRONGTYPE Operation against a key holding the wrong kind of value"',
        why: 'our bug (WRONGTYPE): 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.rpush('cart:1', 'sku')),
      },
      {
        library,
        what: 'sadd onto a key that holds a string (our bug): TypeError "set2.has is not a function" inside the mock',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.sadd('cart:1', 'sku')),
      },
      {
        library,
        what: 'xadd with a malformed argument list (our bug): Error "ERR wrong number of arguments for \'xadd\' command"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.xadd('events', 'bad', 'a')),
      },
      {
        library,
        what: 'evalsha of a script we never loaded: Error "NOSCRIPT No matching script. Please use EVAL."',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.evalsha('0123456789abcdef0123456789abcdef01234567', 0)),
      },
      {
        library,
        what: 'eval of our Lua script with a syntax error: Error "Error trying to loading or executing lua code string in VM: … \')\' expected near <eof>"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => redis.eval('return redis.call("GET", KEYS[1]', 1, 'session:1')),
      },
    ]
  } finally {
    redis.disconnect()
  }
}
