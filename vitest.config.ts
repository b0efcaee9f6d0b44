import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  // `http-triage` and `http-triage/<adapter>` resolve to the sources, as tsconfig's `paths` do (docs/examples).
  resolve: {
    alias: [
      { find: /^http-triage$/, replacement: src('index.ts') },
      { find: /^http-triage\/(otel|client)$/, replacement: src('$1.ts') },
      // Every other subpath is an adapter: src/adapters/<name>.ts.
      { find: /^http-triage\/([\w-]+)$/, replacement: src('adapters/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})
