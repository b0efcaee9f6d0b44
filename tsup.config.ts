import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    express: 'src/adapters/express.ts',
    fastify: 'src/adapters/fastify.ts',
    hono: 'src/adapters/hono.ts',
    fetch: 'src/adapters/fetch.ts',
    otel: 'src/otel.ts',
    client: 'src/client.ts',
    nest: 'src/adapters/nest.ts',
    koa: 'src/adapters/koa.ts',
    node: 'src/adapters/node.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  external: [
    '@nestjs/common',
    'express',
    'fastify',
    'hono',
    'koa',
    'http-status-codes',
    'ulid',
    '@opentelemetry/api',
  ],
})
