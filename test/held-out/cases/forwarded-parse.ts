// forwarded-parse: a node:http route on 127.0.0.1 that reads the client address from the RFC 7239
// Forwarded header a client (or the proxy in front) sent. Each error is what the route threw, i.e.
// what the app's error handler receives.
import parseForwarded from 'forwarded-parse'
import type { HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = 'forwarded-parse'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const server = await handlerServer((req) => {
    const hops = parseForwarded(String(req.headers.forwarded ?? ''))
    return { client: hops[0]?.for ?? null }
  })
  try {
    const withForwarded = (forwarded: string) => server.caught('/whoami', { headers: { forwarded } })

    cases.push({
      library,
      what: 'Forwarded header with an unterminated quoted value (`for="unterminated`): ParseError "Unexpected end of input"',
      why: 'malformed request syntax (Forwarded header)',
      expect: { status: 400 },
      error: await withForwarded('for="unterminated'),
    })
    cases.push({
      library,
      what: 'Forwarded header with an empty pair (`for=192.0.2.60;;proto=http`): ParseError "Unexpected character \';\' at index 15"',
      why: 'malformed request syntax (Forwarded header)',
      expect: { status: 400 },
      error: await withForwarded('for=192.0.2.60;;proto=http'),
    })
    cases.push({
      library,
      what: 'Forwarded header with an unquoted IPv6 address (`for=[2001:db8::1]`): ParseError "Unexpected character \'[\' at index 4"',
      why: 'malformed request syntax (Forwarded header)',
      expect: { status: 400 },
      error: await withForwarded('for=[2001:db8::1]'),
    })
    cases.push({
      library,
      what: 'Forwarded header with a trailing comma (`for=192.0.2.60, `): ParseError "Unexpected end of input"',
      why: 'malformed request syntax (Forwarded header)',
      expect: { status: 400 },
      error: await withForwarded('for=192.0.2.60, '),
    })
  } finally {
    await server.close()
  }
  return cases
}
