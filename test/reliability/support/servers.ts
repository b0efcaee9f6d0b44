import createError from 'http-errors'
import type { ResponderOptions } from '../../../src/respond.js'
import { HTTP2_ONLY, SERVERS } from '../../adapters/servers.js'
import type { Actions } from '../../apps/types.js'

/**
 * What the routes of test/adapters/servers.ts do, settable per request: `/plain` throws `value`,
 * `/validate` runs `validate(body)`, `/upstream-refused` and `/upstream-timeout` run `slow()`.
 */
export interface Slot {
  value: unknown
  validate: (body: unknown) => unknown
  slow: () => Promise<unknown>
}

export interface SlotServer {
  readonly name: string
  readonly url: string
  readonly slot: Slot
  close(): Promise<void>
}

function slotActions(slot: Slot): Actions {
  return {
    httpErrors() {
      throw createError(404, 'No such widget')
    },
    validate: (body) => slot.validate(body),
    upstreamRefused: () => slot.slow(),
    upstreamTimeout: () => slot.slow(),
    plain() {
      throw slot.value
    },
  }
}

/** The adapters of SERVERS that speak HTTP/1 (the requests of these suites are HTTP/1). */
export const SERVER_NAMES: readonly string[] = Object.keys(SERVERS).filter(
  (name) => !HTTP2_ONLY.includes(name),
)

/** Every HTTP/1 adapter of SERVERS on loopback, each with its own slot. */
export async function startSlotServers(
  options: ResponderOptions,
  only: readonly string[] = SERVER_NAMES,
): Promise<SlotServer[]> {
  const out: SlotServer[] = []
  for (const name of only) {
    const factory = SERVERS[name]
    if (!factory) throw new Error(`no server ${name}`)
    const slot: Slot = {
      value: new Error('unset'),
      validate: (body) => body,
      slow: () => Promise.reject(new Error('unset')),
    }
    const running = await factory(slotActions(slot), options)
    out.push({ name, url: running.url, slot, close: () => running.close() })
  }
  return out
}
