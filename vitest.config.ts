import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  // `http-triage` and `http-triage/<adapter>` resolve to the sources, as tsconfig's `paths` do (docs/examples).
  resolve: {
    alias: [
      { find: /^http-triage$/, replacement: src('index.ts') },
      {
        find: /^http-triage\/(express|fastify|hono|fetch|koa|node|h3|next|nest|elysia)$/,
        replacement: src('adapters/$1.ts'),
      },
      { find: /^http-triage\/otel$/, replacement: src('otel.ts') },
      { find: /^http-triage\/client$/, replacement: src('client.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})
