import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidRequestId } from '../../src/index.js'
import { expectSafeErrorResponse } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { call, type RawResponse, rawGet, utf8Bytes } from './support/http.js'
import { SERVER_NAMES, type SlotServer, startSlotServers } from './support/servers.js'

guardProcess()

/**
 * Incoming X-Request-Id header lines (raw bytes, latin1) that must never come back, and the text
 * that must not appear anywhere in the response.
 */
const HOSTILE: Record<string, { lines: string[]; marker: string }> = {
  'CRLF followed by an injected header': {
    lines: ['X-Request-Id: zz\r\nX-Injected-Header: evilvalue1'],
    marker: 'evilvalue1',
  },
  'CRLF followed by an injected Set-Cookie': {
    lines: ['X-Request-Id: zz\r\nSet-Cookie: session=evilvalue2'],
    marker: 'evilvalue2',
  },
  '129 characters': { lines: [`X-Request-Id: ${'a'.repeat(129)}`], marker: 'a'.repeat(129) },
  '200 word characters (Hono’s requestId middleware accepts up to 255)': {
    lines: [`X-Request-Id: ${'b'.repeat(200)}`],
    marker: 'b'.repeat(129),
  },
  '8,000 characters': { lines: [`X-Request-Id: ${'c'.repeat(8000)}`], marker: 'c'.repeat(129) },
  'unicode (UTF-8 bytes)': {
    lines: [`X-Request-Id: ${utf8Bytes('déjà-vu-évilvalue3')}`],
    marker: 'vilvalue3',
  },
  'a right-to-left override': {
    lines: [`X-Request-Id: ${utf8Bytes('abc\u202eevilvalue4')}`],
    marker: 'evilvalue4',
  },
  'an emoji': { lines: [`X-Request-Id: ${utf8Bytes('id-😀-evilvalue5')}`], marker: 'evilvalue5' },
  'latin1 bytes': { lines: ['X-Request-Id: evilvalue6\xff\xfe'], marker: 'evilvalue6' },
  empty: { lines: ['X-Request-Id: '], marker: '' },
  'only spaces': { lines: ['X-Request-Id:    '], marker: '' },
  'a tab inside': { lines: ['X-Request-Id: evil\tvalue7'], marker: 'value7' },
  'spaces inside': { lines: ['X-Request-Id: evil value8'], marker: 'value8' },
  HTML: { lines: ['X-Request-Id: <script>evilvalue9</script>'], marker: 'evilvalue9' },
  'quotes, semicolons and commas': { lines: ['X-Request-Id: "evilvalue10";a=b,c'], marker: 'evilvalue10' },
  'two values': { lines: ['X-Request-Id: evilvalue11', 'X-Request-Id: evilvalue12'], marker: 'evilvalue1' },
  '50 values': {
    lines: Array.from({ length: 50 }, (_, i) => `X-Request-Id: many${i}evilvalue13`),
    marker: 'evilvalue13',
  },
  'a NUL byte': { lines: ['X-Request-Id: evil\x00value14'], marker: 'value14' },
  'a bare CR': { lines: ['X-Request-Id: evil\rvalue15'], marker: 'value15' },
  'a bare LF': { lines: ['X-Request-Id: evil\nX-Injected: evilvalue16'], marker: 'evilvalue16' },
  'an obs-fold continuation line': { lines: ['X-Request-Id: evil', ' value17'], marker: 'value17' },
  'a C1 control (0x85)': { lines: ['X-Request-Id: evil\x85value18'], marker: 'value18' },
}

describe.each(SERVER_NAMES)('%s never echoes a hostile X-Request-Id', (name) => {
  let server: SlotServer
  beforeAll(async () => {
    ;[server] = (await startSlotServers({ log: false }, [name])) as [SlotServer]
    server.slot.value = new Error('boom')
  })
  afterAll(async () => {
    await server.close()
  })

  /**
   * Node's parser (llhttp) refuses some of these (NUL, bare CR or LF, obs-fold) before any route
   * runs: Node answers a bare 400, Fastify its own client-error 400. No adapter, no echo.
   */
  function expectRefusedOrSafe(response: RawResponse, marker: string): void {
    if (marker !== '') expect(response.raw).not.toContain(marker)
    expect(response.raw.toLowerCase()).not.toContain('x-injected')
    expect(response.raw.toLowerCase()).not.toContain('evilvalue')
    const id = response.headers['x-request-id']
    if (id === undefined && response.status === 400) return
    expect(typeof id === 'string' && isValidRequestId(id), `x-request-id ${JSON.stringify(id)}`).toBe(true)
    expectSafeErrorResponse(response)
  }

  it.each(Object.keys(HOSTILE))('on a 500: %s', async (label) => {
    const { lines, marker } = HOSTILE[label] as { lines: string[]; marker: string }
    expectRefusedOrSafe(await rawGet(server.url, '/plain', lines), marker)
  })

  it.each(Object.keys(HOSTILE))('on a 404: %s', async (label) => {
    const { lines, marker } = HOSTILE[label] as { lines: string[]; marker: string }
    expectRefusedOrSafe(await rawGet(server.url, '/missing', lines), marker)
  })

  it('echoes a valid id of 128 characters (so the checks above can fail)', async () => {
    const id = `${'k'.repeat(120)}-0123456`
    const response = await rawGet(server.url, '/plain', [`X-Request-Id: ${id}`])
    expect(response.headers['x-request-id']).toBe(id)
    expect(JSON.parse(response.text).request_id).toBe(id)
  })

  it('still serves after every hostile request', async () => {
    expect((await call(`${server.url}/ok`)).status).toBe(200)
  })
})
