// Types of koa.mjs.
export declare const create: import('./types.js').AppFactory
