// destr: `safeDestr` (strict mode, as fetch-style frameworks use it to read a JSON body) in a
// node:http route on 127.0.0.1 on the body a client sent. Each error is what the route threw, i.e.
// what the app's error handler receives.
import { safeDestr } from 'destr'
import type { HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = 'destr'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  // Our bug: a settings cache that stores String(object) instead of JSON.stringify(object).
  const settingsCache = new Map<string, string>()
  settingsCache.set('pricing', String({ currency: 'EUR', vat: 0.2 }))

  const server = await handlerServer((req) => {
    if (req.path === '/quote') {
      const pricing = safeDestr<{ vat: number }>(settingsCache.get('pricing'))
      return { vat: pricing.vat }
    }
    const body = safeDestr<Record<string, unknown>>(req.text)
    return { saved: Object.keys(body ?? {}).length }
  })
  try {
    const post = (body: string) =>
      server.caught('/notes', { method: 'POST', body, headers: { 'content-type': 'application/json' } })

    cases.push({
      library,
      what: 'JSON route sent a body that is not JSON at all (`title=hello`): SyntaxError "[destr] Invalid JSON"',
      why: 'malformed request syntax (JSON body)',
      expect: { status: 400 },
      error: await post('title=hello'),
    })
    cases.push({
      library,
      what: 'JSON body with a trailing comma (`{"title": "x",}`): the JSON.parse SyntaxError rethrown in strict mode',
      why: 'malformed request syntax (JSON body)',
      expect: { status: 400 },
      error: await post('{"title": "x",}'),
    })
    cases.push({
      library,
      what: 'JSON body cut off inside a string (`{"title": "unfinished`): the JSON.parse SyntaxError rethrown in strict mode',
      why: 'malformed request syntax (truncated JSON body)',
      expect: { status: 400 },
      error: await post('{"title": "unfinished'),
    })
    cases.push({
      library,
      what: 'JSON body carrying a `__proto__` key: Error "[destr] Possible prototype pollution"',
      why: 'malformed request syntax (body refused by the JSON parser as prototype pollution)',
      expect: { status: 400 },
      error: await post('{"title": "x", "__proto__": {"isAdmin": true}}'),
    })
    cases.push({
      library,
      what: 'route parses a settings value our own code cached as "[object Object]": the JSON.parse SyntaxError rethrown in strict mode',
      why: "our bug (the data is ours, not the client's)",
      expect: { status: 500 },
      error: await server.caught('/quote'),
    })
  } finally {
    await server.close()
  }
  return cases
}
