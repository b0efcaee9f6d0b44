// Types of client-suite.mjs, for test/client/over-http.test.ts.
export interface ClientContext {
  readonly url: string
  readonly closed: string
}
export declare const CLIENT_CASES: Readonly<Record<string, (context: ClientContext) => Promise<void>>>
export declare function createClientHandler(): (request: Request) => Promise<Response>
