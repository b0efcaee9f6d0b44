// Types of next.mjs.
export declare const create: import('./types.js').AppFactory
