import vm from 'node:vm'
import { PGlite } from '@electric-sql/pglite'
import Boom from '@hapi/boom'
import { Ajv } from 'ajv'
import { AxiosError } from 'axios'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import createError from 'http-errors'
import Joi from 'joi'
import * as superstruct from 'superstruct'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as yup from 'yup'
import { z } from 'zod'
import { httpError, serialize } from '../../src/index.js'
import { type BodyFormat, expectNoCanary, expectSafeErrorResponse } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { call, jsonPost } from './support/http.js'
import { SERVER_NAMES, type SlotServer, startSlotServers } from './support/servers.js'

guardProcess()

let counter = 0
/** A fresh, unguessable marker; the label says where it was planted, for the failure message. */
function canary(label: string): string {
  counter++
  return `CANARY${label}${counter}x${Math.random().toString(36).slice(2, 10)}`
}

const rejection = async (run: () => unknown): Promise<unknown> => {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

let db: PGlite

/** ajv's own ValidationError class (what `$async` validators reject with); its typings hide the constructor. */
const AjvValidationError = (Ajv as unknown as { ValidationError: new (errors: unknown[]) => Error })
  .ValidationError

/** What one case plants and where it is sent. */
interface Planted {
  /** `/plain` throws `value`; `/validate` runs `validate` on `body`; `/json` parses `body`. */
  readonly route: 'plain' | 'validate' | 'json'
  readonly value?: unknown
  readonly validate?: (body: unknown) => unknown
  readonly body?: string
  /** Canaries that must appear nowhere in the response. */
  readonly hidden: readonly string[]
  /** A canary the rules mark safe (an exposed 4xx message): it may appear in the message member only. */
  readonly exposed?: string
  readonly status: number
}

/** An error with canaries in every place a 5xx must not show. */
function loadedError(message = canary('message')) {
  const planted = {
    message,
    stack: canary('stack'),
    cause: canary('cause'),
    nested: canary('nestedcause'),
    deepest: canary('deepestcause'),
    prop: canary('prop'),
    sql: canary('sql'),
    header: canary('header'),
  }
  const error = new Error(planted.message, {
    cause: new Error(planted.cause, {
      cause: Object.assign(new Error(planted.nested), { cause: { detail: planted.deepest } }),
    }),
  })
  error.stack = `Error: ${planted.message}\n    at query (/srv/${planted.stack}.js:1:1)`
  Object.assign(error, {
    internal: planted.prop,
    sql: `select * from users where token = '${planted.sql}'`,
    query: planted.sql,
    headers: {
      'x-secret': planted.header,
      'set-cookie': `s=${planted.header}`,
      'retry-after': planted.header,
    },
  })
  return { error, hidden: Object.values(planted) }
}

/** The failures sent to every adapter, in both body formats. */
const CASES: Record<string, () => Planted | Promise<Planted>> = {
  // ---- 5xx: nothing of the error, anywhere ----
  'a 500 Error with canaries in message, stack, cause, nested causes, properties, SQL text and headers':
    () => {
      const { error, hidden } = loadedError()
      return { route: 'plain', value: error, hidden, status: 500 }
    },
  'a thrown string': () => {
    const secret = canary('string')
    return { route: 'plain', value: `db password=${secret}`, hidden: [secret], status: 500 }
  },
  'a plain object with a message and status 500': () => {
    const secret = canary('object')
    return {
      route: 'plain',
      value: { message: secret, status: 500, detail: secret },
      hidden: [secret],
      status: 500,
    }
  },
  'an ECONNREFUSED from a dependency (503)': () => {
    const address = canary('address')
    const error = Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
      address,
      port: 5432,
    })
    return { route: 'plain', value: error, hidden: [address], status: 503 }
  },
  'an axios error for an upstream 404, with canaries in the URL, credentials, response data and headers (500)':
    () => {
      const planted = [
        canary('url'),
        canary('auth'),
        canary('data'),
        canary('upstreamheader'),
        canary('text'),
      ]
      const [url, auth, data, header, text] = planted
      const error = new AxiosError(
        `Request failed with status code 404 ${text}`,
        'ERR_BAD_REQUEST',
        { url: `http://payments.internal/${url}`, headers: { Authorization: `Bearer ${auth}` } } as never,
        {},
        {
          status: 404,
          statusText: text as string,
          data: { error: data },
          headers: { 'set-cookie': [header as string], 'www-authenticate': header as string },
          config: {} as never,
        },
      )
      return { route: 'plain', value: error, hidden: planted, status: 500 }
    },
  'httpError(503) with a canary message, details, headers and cause': () => {
    const { error: cause, hidden } = loadedError()
    const message = canary('httpmessage')
    const detail = canary('detail')
    const header = canary('httpheader')
    const error = httpError(503, message, {
      cause,
      details: [{ path: detail, message: detail, code: 'x' }],
      headers: { 'x-secret': header, allow: header },
      retryAfter: 5,
    })
    return { route: 'plain', value: error, hidden: [...hidden, message, detail, header], status: 503 }
  },
  'an http-errors 500 with a canary message and property': () => {
    const message = canary('httperrors')
    const prop = canary('httperrorsprop')
    return {
      route: 'plain',
      value: createError(500, message, { internal: prop }),
      hidden: [message, prop],
      status: 500,
    }
  },
  'a Boom 500 with canary data': () => {
    const message = canary('boom')
    const data = canary('boomdata')
    return {
      route: 'plain',
      value: Boom.badImplementation(message, { data }),
      hidden: [message, data],
      status: 500,
    }
  },
  'an error with a status of 502 and a canary message': () => {
    const message = canary('upstream')
    return {
      route: 'plain',
      value: Object.assign(new Error(message), { status: 502, expose: true }),
      hidden: [message],
      status: 502,
    }
  },
  'an error from another realm (node:vm) with canaries': () => {
    const message = canary('realm')
    const prop = canary('realmprop')
    const error = vm.runInNewContext(`const e = new Error(m, { cause: new Error(p) }); e.secret = p; e`, {
      m: message,
      p: prop,
    })
    return { route: 'plain', value: error, hidden: [message, prop], status: 500 }
  },
  'an AggregateError of errors with canaries': () => {
    const a = canary('aggregate')
    const b = canary('member')
    return {
      route: 'plain',
      value: new AggregateError([new Error(b), { message: b }], a),
      hidden: [a, b],
      status: 500,
    }
  },
  'an error whose toJSON returns a canary': () => {
    const secret = canary('tojson')
    const error = Object.assign(new Error('x'), { toJSON: () => ({ secret }), toString: () => secret })
    return { route: 'plain', value: error, hidden: [secret], status: 500 }
  },
  'a PostgreSQL syntax error (42601) from a query with canaries in its SQL (PGlite)': async () => {
    const token = canary('sqltoken').toLowerCase()
    const error = await rejection(() => db.query(`select ${token} ${token} from account`))
    return { route: 'plain', value: error, hidden: [token], status: 500 }
  },
  // ---- 4xx that expose nothing of the error ----
  'a zod 422 never holds the rejected values': () => {
    const planted = [
      canary('zodemail'),
      canary('zodnumber'),
      canary('zodenum'),
      canary('zodurl'),
      canary('zodregex'),
    ]
    const schema = z.object({
      email: z.email(),
      age: z.number(),
      role: z.enum(['admin', 'user']),
      site: z.url(),
      slug: z.string().regex(/^[a-z]{1,3}$/),
    })
    const [email, age, role, site, slug] = planted
    return {
      route: 'validate',
      validate: (body) => schema.parse(body),
      body: JSON.stringify({ email, age, role, site, slug }),
      hidden: planted,
      status: 422,
    }
  },
  'a joi 422 never holds the rejected values': () => {
    const planted = [canary('joiemail'), canary('joipattern'), canary('joivalid')]
    const schema = Joi.object({
      email: Joi.string().email(),
      code: Joi.string().pattern(/^a$/),
      role: Joi.valid('a'),
    })
    const [email, code, role] = planted
    return {
      route: 'validate',
      validate: (body) => Joi.attempt(body, schema, { abortEarly: false }),
      body: JSON.stringify({ email, code, role }),
      hidden: planted,
      status: 422,
    }
  },
  'a yup 422 never holds the rejected values': () => {
    const planted = [canary('yupnumber'), canary('yupemail'), canary('yuponeof')]
    const schema = yup.object({
      age: yup.number(),
      email: yup.string().email(),
      role: yup.mixed().oneOf(['a']),
    })
    const [age, email, role] = planted
    return {
      route: 'validate',
      validate: (body) => schema.validateSync(body, { abortEarly: false }),
      body: JSON.stringify({ age, email, role }),
      hidden: planted,
      status: 422,
    }
  },
  'a valibot 422 never holds the rejected values': () => {
    const planted = [canary('vemail'), canary('vnumber'), canary('vpicklist')]
    const schema = v.object({
      email: v.pipe(v.string(), v.email()),
      age: v.number(),
      role: v.picklist(['a']),
    })
    const [email, age, role] = planted
    return {
      route: 'validate',
      validate: (body) => v.parse(schema, body),
      body: JSON.stringify({ email, age, role }),
      hidden: planted,
      status: 422,
    }
  },
  'a superstruct 422 never holds the rejected value': () => {
    const age = canary('superstruct')
    return {
      route: 'validate',
      validate: (body) => superstruct.create(body, superstruct.object({ age: superstruct.number() })),
      body: JSON.stringify({ age }),
      hidden: [age],
      status: 422,
    }
  },
  'an ajv 422 never holds the rejected values': () => {
    const planted = [canary('ajvenum'), canary('ajvformat')]
    const check = new Ajv({ allErrors: true }).compile({
      type: 'object',
      properties: { role: { enum: ['a'] }, n: { type: 'number' } },
    })
    const [role, n] = planted
    // What ajv's `$async` validators reject with, thrown synchronously (the shared routes do not await).
    const validate = (body: unknown) => {
      if (!check(body)) throw new AjvValidationError(check.errors ?? [])
      return body
    }
    return {
      route: 'validate',
      validate,
      body: JSON.stringify({ role, n }),
      hidden: planted,
      status: 422,
    }
  },
  'a unique violation (23505) never holds the duplicate value (PGlite)': async () => {
    const email = canary('unique')
    await db.query('insert into account (email, age) values ($1, 30)', [email])
    const error = await rejection(() => db.query('insert into account (email, age) values ($1, 31)', [email]))
    return { route: 'plain', value: error, hidden: [email, 'account_email_key'], status: 409 }
  },
  'a malformed uuid (22P02) never holds the rejected text (PGlite)': async () => {
    const id = canary('uuid')
    const error = await rejection(() => db.query('select * from account where ref = $1', [id]))
    return { route: 'plain', value: error, hidden: [id], status: 400 }
  },
  'a check violation (23514) never holds the failing row (PGlite)': async () => {
    const email = canary('checkrow')
    const error = await rejection(() => db.query('insert into account (email, age) values ($1, -1)', [email]))
    return { route: 'plain', value: error, hidden: [email, 'account_age_check'], status: 422 }
  },
  'a Drizzle query error never holds its SQL text or params (PGlite)': async () => {
    const param = canary('drizzleparam')
    const error = await rejection(() => drizzle(db).execute(sql`select * from account where ref = ${param}`))
    return { route: 'plain', value: error, hidden: [param, 'select * from account'], status: 400 }
  },
  'httpError(404, public message) holds neither its cause nor its non-allowlisted headers': () => {
    const { error: cause, hidden } = loadedError()
    const header = canary('header404')
    const error = httpError(404, 'No such order.', {
      cause,
      headers: { 'x-secret': header, 'set-cookie': header },
    })
    return { route: 'plain', value: error, hidden: [...hidden, header], status: 404 }
  },
  'an http-errors 400 with expose: false holds nothing of its message': () => {
    const message = canary('unexposed')
    return {
      route: 'plain',
      value: createError(400, message, { expose: false }),
      hidden: [message],
      status: 400,
    }
  },
  'a Boom 400 holds its message, not its data': () => {
    const data = canary('boom400data')
    return {
      route: 'plain',
      value: Boom.badRequest('Bad cursor.', { data }),
      hidden: [data],
      status: 400,
    }
  },
  'a malformed JSON body is not echoed': () => {
    const text = canary('jsonbody')
    return { route: 'json', body: `{"a": ${text}`, hidden: [text], status: 400 }
  },
  // ---- 4xx whose message the rules mark safe ----
  'an http-errors 404 exposes its message, and nothing else of the error': () => {
    const message = canary('exposed')
    const prop = canary('exposedprop')
    const { error: cause, hidden } = loadedError()
    const error = createError(404, message, { internal: prop })
    Object.assign(error, { cause })
    return { route: 'plain', value: error, hidden: [prop, ...hidden], exposed: message, status: 404 }
  },
}

describe.each(['problem', 'json'] as const)('no leak, %s bodies, every adapter', (format: BodyFormat) => {
  let servers: SlotServer[] = []
  beforeAll(async () => {
    servers = await startSlotServers({ format, log: false })
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
  })

  it.each(Object.keys(CASES))('%s', async (name) => {
    for (const server of servers) {
      const planted = await (CASES[name] as () => Promise<Planted>)()
      server.slot.value = planted.value
      if (planted.validate) server.slot.validate = planted.validate
      const seen = await call(
        `${server.url}/${planted.route}`,
        planted.body === undefined ? {} : jsonPost(planted.body),
      )
      const where = `${server.name} (${format})`
      expect(seen.status, where).toBe(planted.status)
      const body = expectSafeErrorResponse(seen, { format }) as Record<string, unknown>
      expectNoCanary(seen, planted.hidden, where)
      if (planted.exposed !== undefined) {
        // The one place an exposed message may appear: the message member of a 4xx body.
        expect(body[format === 'problem' ? 'detail' : 'message'], where).toBe(planted.exposed)
        expect(JSON.stringify(seen.headers), where).not.toContain(planted.exposed)
        const { detail: _d, message: _m, ...rest } = body
        expect(JSON.stringify(rest), where).not.toContain(planted.exposed)
      }
    }
  })
})

beforeAll(async () => {
  db = new PGlite()
  await db.exec(`create table account (
    id serial primary key,
    email text unique not null,
    age int check (age > 0),
    ref uuid
  )`)
}, 60_000)

afterAll(async () => {
  await db.close()
})

describe('custom formatters', () => {
  // A formatter is handed the classification without `cause` (the thrown value), so that spreading
  // it into a body cannot copy the error. (Found by this suite; fixed in src/serialize.ts.)
  const spread = (c: object, ctx: object) => ({ ...c, ...ctx })

  it('a formatter that spreads the classification gets nothing of a 5xx error', () => {
    const { error, hidden } = loadedError()
    const out = serialize(error, { format: spread })
    expect(out.status).toBe(500)
    for (const secret of hidden) expect(JSON.stringify(out.body)).not.toContain(secret)
  })

  it('… on every adapter over real HTTP, body and headers', async () => {
    const servers = await startSlotServers({ format: spread, log: false })
    try {
      for (const server of servers) {
        const { error, hidden } = loadedError()
        server.slot.value = error
        const seen = await call(`${server.url}/plain`)
        expect(seen.status, server.name).toBe(500)
        expect(JSON.parse(seen.text), server.name).toMatchObject({
          status: 500,
          code: 'INTERNAL_SERVER_ERROR',
        })
        expectNoCanary(seen, hidden, server.name)
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()))
    }
  })
})

describe('validation details and the keys a client sent', () => {
  // An unknown key is the client's own text. By design a plain key (printable ASCII without
  // quotes, markup or backslashes, 1–64 characters) may be named in a 422, as a schema key is; any
  // other key is never repeated (src/rules/validation.ts, isPlainKey / unsafeKeys).
  const hostileKeys = () => [
    `<img src=x onerror=${canary('markup')}>`,
    `"${canary('quote')}'`,
    `${'k'.repeat(64)}${canary('long')}`,
    `${canary('bidi')}\u202e\u0000`,
    `${canary('crlf')}\r\nX-Injected: 1`,
    `${canary('unicode')}é`,
  ]

  it('a zod strictObject 422 never repeats an unknown key that is not a plain name', () => {
    for (const key of hostileKeys()) {
      const error = z.strictObject({ a: z.string() }).safeParse({ a: 'x', [key]: 1 }).error
      const out = serialize(error)
      expect(out.status).toBe(422)
      expect(JSON.stringify(out.body)).not.toContain(key.slice(0, 20))
      expect(JSON.stringify(out.body)).not.toMatch(/CANARY/)
    }
  })

  it('a joi 422 never repeats an unknown key that is not a plain name', () => {
    for (const key of hostileKeys()) {
      const error = Joi.object({ a: Joi.string() }).validate({ a: 'x', [key]: 1 }).error
      const out = serialize(error)
      expect(out.status).toBe(422)
      expect(JSON.stringify(out.body)).not.toMatch(/CANARY/)
    }
  })
})

it('covers every adapter of the conformance suite', () => {
  // node:http2 speaks HTTP/2 only: its adapter (the node one) is covered here as node:http.
  expect(SERVER_NAMES).toEqual([
    'express 4',
    'express 5',
    'fastify 4',
    'fastify 5',
    'hono 4',
    'fetch',
    'h3 2',
    'next',
    'koa 2',
    'koa 3',
    'node:http',
    'nest (express)',
    'nest (fastify)',
    'elysia 1 (fetch bridge)',
  ])
})
