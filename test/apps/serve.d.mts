// Types of serve.mjs.
import type { App, RunningServer } from './types.js'

export declare function start(app: App): Promise<RunningServer>
export declare function serveNode(listener: NonNullable<App['listener']>): Promise<RunningServer>
export declare function serveFetch(fetch: NonNullable<App['fetch']>): Promise<RunningServer>
export declare function listenOn(
  server: import('node:net').Server,
  scheme?: 'http' | 'https',
): Promise<RunningServer>
export declare function closedPort(): Promise<number>
