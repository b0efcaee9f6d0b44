// Types of the app factories (test/apps/*.mjs), for the TypeScript suites.

/** A route of the shared table: `run(body)` answers the `value` of `{ ok: true, value }` or throws. */
export interface Route {
  readonly method: 'GET' | 'POST'
  readonly path: string
  run(body: unknown): unknown
}

/** What the conformance routes do; see routes.mjs's `actions()`. */
export interface Actions {
  httpErrors(): never
  validate(body: unknown): unknown
  upstreamRefused(): Promise<unknown>
  upstreamTimeout(): Promise<unknown>
  plain(): never
}

export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

export interface AppSetup {
  /** The adapter module under test (src/ or the built package), or a stand-in with its exports. */
  readonly adapter: object
  /** http-triage's core module (for `payloadTooLarge()`). */
  readonly core?: object
  readonly routes: readonly Route[]
  readonly options?: object
  /** The framework's module, where two majors are tested (Express, Fastify, Koa). */
  readonly framework?: unknown
  /** NestJS: 'express' or 'fastify'. */
  readonly platform?: 'express' | 'fastify'
  readonly bodyLimit?: number
}

/** An app: a Web handler, a Node request or stream listener, or something that listens itself. */
export interface App {
  readonly app?: any
  fetch?(request: Request): Response | Promise<Response>
  listener?(req: any, res: any): void
  /** A listener of node:http2's `'stream'` event (the core API). */
  stream?(stream: any, headers: any): void
  start?(): Promise<RunningServer>
}

export type AppFactory = (setup: AppSetup) => Promise<App>
