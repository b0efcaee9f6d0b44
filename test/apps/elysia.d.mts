// Types of elysia.mjs.
export declare const create: import('./types.js').AppFactory
