// koa-session: a Koa app whose first middleware keeps what the rest of the stack throws (as an
// app's error middleware would) and answers 599. Sessions live in signed cookies, or in a store.
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import Koa from 'koa'
import session from 'koa-session'
import type { HeldOutCase } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'koa-session'

interface KoaServer {
  rejection(path: string, init?: RequestInit): Promise<unknown>
  close(): Promise<void>
}

async function serve(app: Koa): Promise<KoaServer> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    async rejection(path, init = {}) {
      const before = errors(app).length
      const res = await fetch(`${base}${path}`, init)
      await res.arrayBuffer()
      if (errors(app).length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
      return errors(app)[before]
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const kept = new WeakMap<Koa, unknown[]>()
function errors(app: Koa): unknown[] {
  return kept.get(app) ?? []
}

/** A Koa app with the error-keeping middleware first. */
function newApp(): Koa {
  const app = new Koa()
  const list: unknown[] = []
  kept.set(app, list)
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      list.push(error)
      ctx.status = 599
      ctx.body = ''
    }
  })
  return app
}

/** A session store backed by a key-value service over TCP (the part that matters: it connects). */
function tcpStore(port: number) {
  const call = () =>
    new Promise<undefined>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.destroy()
        resolve(undefined)
      })
    })
  return {
    get: (_key: string) => call(),
    set: (_key: string, _value: unknown) => call(),
    destroy: (_key: string) => call(),
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []

  // 1. app.keys never set, cookies signed (the default).
  {
    const app = newApp()
    app.use(session({}, app))
    app.use((ctx) => {
      ;(ctx.session as unknown as Record<string, unknown>).views = 1
      ctx.body = 'ok'
    })
    const server = await serve(app)
    cases.push({
      library,
      what: 'app.keys never set, session signed by default: committing the session throws Error ".keys required for signed cookies"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await server.rejection('/cart'),
    })
    await server.close()
  }

  // 2. secure: true on a plain-HTTP app (no TLS terminator in front, proxy not trusted).
  {
    const app = newApp()
    app.keys = ['k1-0123456789abcdef']
    app.use(session({ secure: true }, app))
    app.use((ctx) => {
      ;(ctx.session as unknown as Record<string, unknown>).user = 'alice'
      ctx.body = 'ok'
    })
    const server = await serve(app)
    cases.push({
      library,
      what: 'cookie option secure: true while the app serves plain HTTP: Error "Cannot send secure cookie over unencrypted connection"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await server.rejection('/login', { method: 'POST' }),
    })
    await server.close()
  }

  // 3. The handler assigns a string to ctx.session.
  {
    const app = newApp()
    app.keys = ['k1-0123456789abcdef']
    app.use(session({}, app))
    app.use((ctx) => {
      ;(ctx as unknown as { session: unknown }).session = 'alice'
      ctx.body = 'ok'
    })
    const server = await serve(app)
    cases.push({
      library,
      what: 'handler assigns a string to ctx.session: Error "this.session can only be set as null or an object."',
      why: 'our own bug: 500',
      expect: { status: 500 },
      error: await server.rejection('/login', { method: 'POST' }),
    })
    await server.close()
  }

  // 4. The session store's server refuses connections.
  {
    const app = newApp()
    app.use(session({ signed: false, store: tcpStore(await closedPort()) }, app))
    app.use((ctx) => {
      ctx.body = 'ok'
    })
    const server = await serve(app)
    cases.push({
      library,
      what: 'external session store unreachable: store.get rejects with ECONNREFUSED while loading the session of a returning client',
      why: 'dependency (session store) unavailable: 503',
      expect: { status: 503, retryable: true },
      error: await server.rejection('/account', { headers: { cookie: 'koa.sess=4f1c2a' } }),
    })
    await server.close()
  }

  // 5. A custom decode that decrypts the cookie; the client sends a tampered one.
  {
    const { createDecipheriv, createCipheriv, randomBytes } = await import('node:crypto')
    const key = randomBytes(32)
    const app = newApp()
    app.use(
      session(
        {
          signed: false,
          encode: (body: object) => {
            const iv = randomBytes(16)
            const c = createCipheriv('aes-256-cbc', key, iv)
            return Buffer.concat([iv, c.update(JSON.stringify(body)), c.final()]).toString('base64url')
          },
          decode: (text: string) => {
            const raw = Buffer.from(text, 'base64url')
            const d = createDecipheriv('aes-256-cbc', key, raw.subarray(0, 16))
            return JSON.parse(Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString())
          },
        },
        app,
      ),
    )
    app.use((ctx) => {
      ctx.body = String((ctx.session as unknown as Record<string, unknown>).user ?? 'anonymous')
    })
    const server = await serve(app)
    const tampered = Buffer.alloc(48, 7).toString('base64url')
    cases.push({
      library,
      what: 'custom decode (AES) of a cookie the client tampered with: the decipher Error "bad decrypt" (ERR_OSSL_BAD_DECRYPT) is rethrown with headers {set-cookie} clearing the cookie',
      why: "ambiguous: the client's malformed cookie (400) vs a crypto error with no status; taken as the client's malformed input, 400",
      expect: { status: 400 },
      error: await server.rejection('/account', { headers: { cookie: `koa.sess=${tampered}` } }),
    })
    await server.close()
  }

  // 6-8. Set-up errors at boot.
  const bootError = (build: () => unknown): unknown => {
    try {
      build()
    } catch (error) {
      return error
    }
    throw new Error('no boot error')
  }
  cases.push({
    library,
    what: 'session({ maxAge: "1d" }, app): the options schema rejects it at boot with a ZodError (invalid_union at maxAge)',
    why: 'our own configuration failed validation, not client input: 500',
    expect: { status: 500 },
    error: bootError(() => session({ maxAge: '1d' } as never, newApp())),
  })
  cases.push({
    library,
    what: 'session(options) called without the app (koa-session 7 needs it): TypeError "app instance required: `session(opts, app)`"',
    why: 'our own bug: 500',
    expect: { status: 500 },
    error: bootError(() => (session as unknown as (o: object) => unknown)({ key: 'sid' })),
  })
  cases.push({
    library,
    what: 'a store without destroy(): the options schema rejects it at boot with a ZodError (invalid_type at store.destroy, "Required")',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: bootError(() =>
      session({ store: { get: async () => undefined, set: async () => undefined } } as never, newApp()),
    ),
  })
  cases.push({
    library,
    what: 'ContextStore given as an arrow function instead of a class: AssertionError "ContextStore must be a class" (ERR_ASSERTION) at boot',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: bootError(() =>
      session({ ContextStore: (_ctx: unknown) => ({ get() {}, set() {}, destroy() {} }) } as never, newApp()),
    ),
  })

  return cases
}
