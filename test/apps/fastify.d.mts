// Types of fastify.mjs.
export declare const create: import('./types.js').AppFactory
