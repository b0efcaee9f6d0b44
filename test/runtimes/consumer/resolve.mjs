// The files `import 'http-triage…'` resolves to from this consumer, through the package's
// "exports" (ESM conditions), for test/runtimes/vitest.config.mjs.
export const RESOLVED = {
  '.': import.meta.resolve('http-triage'),
  express: import.meta.resolve('http-triage/express'),
  fastify: import.meta.resolve('http-triage/fastify'),
  hono: import.meta.resolve('http-triage/hono'),
  fetch: import.meta.resolve('http-triage/fetch'),
  koa: import.meta.resolve('http-triage/koa'),
  node: import.meta.resolve('http-triage/node'),
  nest: import.meta.resolve('http-triage/nest'),
  h3: import.meta.resolve('http-triage/h3'),
  next: import.meta.resolve('http-triage/next'),
  elysia: import.meta.resolve('http-triage/elysia'),
}
