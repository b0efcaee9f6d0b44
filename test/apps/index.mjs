// Every server the harnesses run, by name: which factory of test/apps builds it, which adapter
// (a subpath of http-triage; the factory's name unless said), and which framework major. Each harness builds servers with
// `build(name, { load, routes, options })`, where `load(subpath)` gives the module under test: the
// test suites load src/, the runtime matrix the packed package, soak, bench and demo the built one.
export const SERVERS = {
  'express 4': { app: 'express', framework: 'express4' },
  'express 5': { app: 'express', framework: 'express' },
  'fastify 4': { app: 'fastify', framework: 'fastify4' },
  'fastify 5': { app: 'fastify', framework: 'fastify' },
  'hono 4': { app: 'hono' },
  fetch: { app: 'fetch' },
  'h3 2': { app: 'h3' },
  next: { app: 'next' },
  'koa 2': { app: 'koa', framework: 'koa2' },
  'koa 3': { app: 'koa', framework: 'koa' },
  'node:http': { app: 'node' },
  'node:http2': { app: 'node', http2: true },
  'node:http2 (stream)': { app: 'node-stream', adapter: 'node', http2: true },
  'nest (express)': { app: 'nest', platform: 'express' },
  'nest (fastify)': { app: 'nest', platform: 'fastify' },
  'elysia 1 (fetch bridge)': { app: 'elysia' },
}

/** The named server's app (not yet listening: see serve.mjs's `start`). */
export async function build(name, { load, routes, options, bodyLimit, adapter }) {
  const entry = SERVERS[name]
  if (!entry) throw new Error(`no server named ${name}`)
  const { create } = await import(`./${entry.app}.mjs`)
  const framework = entry.framework ? (await import(entry.framework)).default : undefined
  return create({
    adapter: adapter ?? (await load(entry.adapter ?? entry.app)),
    core: await load('.'),
    routes,
    options,
    bodyLimit,
    framework,
    platform: entry.platform,
  })
}

/** `load` for the built package: http-triage and its subpaths, as a user imports them. */
export const fromPackage = (subpath) => import(subpath === '.' ? 'http-triage' : `http-triage/${subpath}`)
