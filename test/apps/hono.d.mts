// Types of hono.mjs.
export declare const create: import('./types.js').AppFactory
