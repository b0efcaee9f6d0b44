// Types of routes.mjs.
import type { Actions, Route } from './types.js'

export declare const BODY_LIMIT: number
export declare const SECRET: string
export declare const SIGNUP: import('zod').ZodType
export declare function actions(
  upstreams: { readonly closed: string; readonly hanging: string },
  httpError: (status: number, message: string) => Error,
): Actions
export declare function conformanceRoutes(actions: Actions): Route[]
export declare function findRoute(routes: readonly Route[], method: string, path: string): Route | undefined
export declare function failingStream(): Response
