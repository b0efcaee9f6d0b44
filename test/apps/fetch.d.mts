// Types of fetch.mjs.
export declare const create: import('./types.js').AppFactory
