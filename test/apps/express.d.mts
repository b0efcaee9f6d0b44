// Types of express.mjs.
export declare const create: import('./types.js').AppFactory
