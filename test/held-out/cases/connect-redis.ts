import { RedisStore } from 'connect-redis'
import signature from 'cookie-signature'
import express from 'express'
import session from 'express-session'
import { createClient } from 'redis'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { closedPort } from './support/local.js'
import { type RespScript, respServer } from './support/resp.js'

const library = 'connect-redis'
const secret = 'keyboard cat is not a secret'

// This repository's redis is 6; the store's types name redis 5's client (the same at run time),
// so the clients made here are passed as the type the store names.
type Client = ReturnType<typeof createClient>

/** Our app: sessions in Redis; /profile reads the session, /login regenerates it. */
async function sessionApp(client: Client) {
  const app = express()
  app.use(
    session({
      store: new RedisStore({ client, prefix: 'app:sess:' }),
      secret,
      resave: false,
      saveUninitialized: false,
    }),
  )
  app.get('/profile', (req, res) => {
    res.json({ user: (req.session as { user?: string }).user ?? null })
  })
  app.post('/login', (req, res, next) => {
    req.session.regenerate((err) => {
      if (err) return next(err)
      res.json({ ok: true })
    })
  })
  return serveErrors(app)
}

/** The browser's session cookie for an existing session id. */
const withSession = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { cookie: `connect.sid=${encodeURIComponent(`s:${signature.sign('sid-1234', secret)}`)}` },
})

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  let script: RespScript = () => '$-1\r\n'
  const redis = await respServer(() => script)
  const clients: Client[] = []
  const servers: { close(): Promise<void> }[] = []
  const start = async (client: Client) => {
    clients.push(client)
    const app = await sessionApp(client)
    servers.push(app)
    return app
  }
  try {
    // Redis is down; the client keeps reconnecting and, without an offline queue, fails commands.
    const downClient = createClient({
      socket: { host: '127.0.0.1', port: await closedPort(), reconnectStrategy: () => 50 },
      disableOfflineQueue: true,
    })
    downClient.on('error', () => {})
    // connect() settles only once Redis is reachable: the app starts without waiting for it.
    downClient.connect().catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 100))
    const down = await start(downClient as never)
    cases.push({
      library,
      what: 'session store Redis refuses connections (client reconnecting, offline queue off): store.get rejects with ClientOfflineError "The client is offline"',
      why: 'session store down: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await down.rejection('/profile', withSession()),
    })
    cases.push({
      library,
      what: 'session store Redis down during login: req.session.regenerate → store.destroy rejects with ClientOfflineError',
      why: 'session store down: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await down.rejection('/login', withSession({ method: 'POST' })),
    })

    // Our bug: the client was created but connect() was never called.
    const neverConnected = createClient({ socket: { host: '127.0.0.1', port: redis.port } })
    const idle = await start(neverConnected as never)
    cases.push({
      library,
      what: 'our app never called client.connect(): store.get rejects with ClientClosedError "The client is closed"',
      why: 'our own bug (client not connected): 500',
      expect: { status: 500 },
      error: await idle.rejection('/profile', withSession()),
    })

    const live = createClient({ socket: { host: '127.0.0.1', port: redis.port } })
    live.on('error', () => {})
    await live.connect()
    const app = await start(live as never)

    script = () => '-NOAUTH Authentication required.\r\n'
    cases.push({
      library,
      what: 'Redis requires a password our config does not give: store.get rejects with @redis/client SimpleError (an ErrorReply) "NOAUTH Authentication required."',
      why: 'dependency rejected our credentials/config (Redis NOAUTH): 500',
      expect: { status: 500 },
      error: await app.rejection('/profile', withSession()),
    })

    script = () => '-LOADING Redis is loading the dataset in memory\r\n'
    cases.push({
      library,
      what: 'Redis restarting and loading its dataset: store.get rejects with @redis/client SimpleError (an ErrorReply) "LOADING Redis is loading the dataset in memory"',
      why: 'session store temporarily unavailable: 503 (a retry fixes it)',
      expect: { status: 503, retryable: true },
      error: await app.rejection('/profile', withSession()),
    })

    script = () => '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n'
    cases.push({
      library,
      what: 'the session key holds a hash another service wrote under our prefix: @redis/client SimpleError "WRONGTYPE Operation against a key holding the wrong kind of value"',
      why: 'our own data/config bug (key prefix collision): 500',
      expect: { status: 500 },
      error: await app.rejection('/profile', withSession()),
    })

    script = () => '$17\r\nuser=alice;role=1\r\n'
    cases.push({
      library,
      what: "the stored session is not JSON (written by an older serializer): store.get passes JSON.parse's SyntaxError",
      why: 'our own stored data is corrupt: 500 (not the client’s input)',
      expect: { status: 500 },
      error: await app.rejection('/profile', withSession()),
    })

    return cases
  } finally {
    for (const server of servers) await server.close()
    for (const client of clients) if (client.isOpen) client.destroy()
    await redis.close()
  }
}
