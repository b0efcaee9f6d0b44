// Types of index.mjs.
import type { App, Route } from './types.js'

export interface ServerEntry {
  readonly app: string
  /** The subpath of http-triage it takes, when not the factory's name. */
  readonly adapter?: string
  readonly framework?: string
  readonly platform?: 'express' | 'fastify'
  /** Served over HTTP/2 with TLS (the harness serves it: see test/adapters/servers.ts). */
  readonly http2?: boolean
}
export declare const SERVERS: Readonly<Record<string, ServerEntry>>
export declare function build(
  name: string,
  setup: {
    load(subpath: string): Promise<object>
    routes: readonly Route[]
    options?: object
    bodyLimit?: number
    adapter?: object
  },
): Promise<App>
export declare function fromPackage(subpath: string): Promise<object>
