// Types of h3.mjs.
export declare const create: import('./types.js').AppFactory
