import createError from 'http-errors'
import { z } from 'zod'
import type { Upstreams } from './upstreams.js'

/** The failures every adapter is driven through; each framework mounts them the same way. */
export const SIGNUP = z.object({ email: z.email(), age: z.number().int().min(18) })
export const BODY_LIMIT = 1024
export const SECRET = 'db password=hunter2'

/** A body whose stream fails after its first chunk: an error once the headers are sent. */
export function failingStream(): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('partial'))
      },
      pull(controller) {
        controller.error(new Error('failed mid-response'))
      },
    }),
    { headers: { 'content-type': 'text/plain' } },
  )
}

export interface Actions {
  httpErrors(): never
  validate(body: unknown): unknown
  upstreamRefused(): Promise<unknown>
  upstreamTimeout(): Promise<unknown>
  plain(): never
}

export function actions(upstreams: Upstreams): Actions {
  return {
    httpErrors() {
      throw createError(404, 'No such widget')
    },
    validate(body) {
      return SIGNUP.parse(body)
    },
    upstreamRefused() {
      return fetch(upstreams.closedUrl)
    },
    upstreamTimeout() {
      return fetch(upstreams.hangingUrl, { signal: AbortSignal.timeout(150) })
    },
    plain() {
      throw new Error(SECRET)
    },
  }
}
