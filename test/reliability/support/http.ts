import { connect } from 'node:net'
import { request } from 'undici'
import type { Seen } from './check.js'

/** One request over real HTTP (keep-alive), bounded in time. */
export async function call(
  url: string,
  init: { method?: 'GET' | 'POST' | 'HEAD'; headers?: Record<string, string>; body?: string } = {},
): Promise<Seen> {
  const response = await request(url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
    headersTimeout: 5000,
    bodyTimeout: 5000,
  })
  const text = await response.body.text()
  return { status: response.statusCode, headers: response.headers as Seen['headers'], text }
}

export const jsonPost = (body: string) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  body,
})

export interface RawResponse extends Seen {
  /** Everything the server wrote, as latin1. */
  readonly raw: string
}

/**
 * Writes `bytes` as they are on a new connection (so that header values no HTTP client would send
 * can be sent) and reads the answer until the server closes the connection.
 */
export function rawRequest(url: string, bytes: Buffer | string, timeoutMs = 5000): Promise<RawResponse> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) })
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer in ${timeoutMs} ms`))
    }, timeoutMs)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.on('close', () => {
      clearTimeout(timer)
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('latin1')))
      } catch (error) {
        reject(error)
      }
    })
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
  })
}

function parseResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n')
  if (end === -1) throw new Error(`incomplete response: ${JSON.stringify(raw.slice(0, 200))}`)
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n')
  const status = Number(statusLine.split(' ')[1])
  const headers: Record<string, string | string[]> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    const previous = headers[name]
    headers[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]
  }
  let body = raw.slice(end + 4)
  if (String(headers['transfer-encoding']).toLowerCase() === 'chunked') body = dechunk(body)
  return { status, headers, text: Buffer.from(body, 'latin1').toString('utf8'), raw }
}

function dechunk(body: string): string {
  let out = ''
  let at = 0
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at)
    const size = Number.parseInt(body.slice(at, lineEnd), 16)
    if (!size) break
    out += body.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
  return out
}

/** A GET with header lines written as they are (`\r\n` joined), and `Connection: close`. */
export function rawGet(url: string, path: string, headerLines: readonly string[]): Promise<RawResponse> {
  const { host } = new URL(url)
  const head = [`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...headerLines, '', ''].join(
    '\r\n',
  )
  return rawRequest(url, Buffer.from(head, 'latin1'))
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A string whose latin1 bytes are the UTF-8 encoding of `text`: for raw header lines. */
export const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1')
