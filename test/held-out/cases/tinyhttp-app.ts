import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { App } from '@tinyhttp/app'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@tinyhttp/app'

// A tinyhttp app on 127.0.0.1 whose `onError` option (the application's error handler) keeps
// every error; the default no-match handler is the app's onError bound to its own 404 value.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const app = new App({
    onError(err: unknown, _req: any, res: any) {
      errors.push(err)
      res.writeHead(599).end()
    },
    settings: { networkExtensions: true },
  })
  app.get('/stats', () => {
    throw new Error('stats cache is not initialised')
  })
  app.get('/host', (req, res) => {
    res.json({ host: req.hostname })
  })
  app.get('/page', (_req, res) => {
    res.render('welcome', { name: 'Ann' })
  })
  const server = app.listen(0, undefined, '127.0.0.1')
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
  const port = (server.address() as AddressInfo).port
  const base = `http://127.0.0.1:${port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  // fetch cannot set Host: a raw request with a Host header whose port is not a number.
  const badHost = () =>
    new Promise<unknown>((resolve, reject) => {
      const before = errors.length
      const req = request(
        { host: '127.0.0.1', port, path: '/host', headers: { host: 'shop.example.test:eighty' } },
        (res) => {
          res.resume()
          res.on('end', () =>
            errors.length === before + 1
              ? resolve(errors[before])
              : reject(new Error(`no error (${res.statusCode})`)),
          )
        },
      )
      req.on('error', reject)
      req.end()
    })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /nowhere: no route; the default no-match handler hands onError the plain object { code: 404 }',
      why: 'errors that carry a status: route not found, 404',
      expect: { status: 404 },
      error: await rejection('/nowhere'),
    })
    cases.push({
      library,
      what: 'GET /stats: route handler threw a plain Error',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/stats'),
    })
    cases.push({
      library,
      what: 'GET /page: res.render() with no view engine configured; Error "No default engine was specified…"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/page'),
    })
    cases.push({
      library,
      what: 'GET /host with "Host: shop.example.test:eighty": req.hostname getter threw TypeError "Port number is NaN, therefore Host is malformed"',
      why: "client's malformed request (an unparseable Host header): 400",
      expect: { status: 400 },
      error: await badHost(),
    })
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
  return cases
}
