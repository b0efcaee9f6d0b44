// Types of node-stream.mjs.
export declare const create: import('./types.js').AppFactory
