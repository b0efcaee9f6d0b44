// Types of node.mjs.
export declare const create: import('./types.js').AppFactory
