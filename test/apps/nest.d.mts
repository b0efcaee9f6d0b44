// Types of nest.mjs.
export declare const create: import('./types.js').AppFactory
