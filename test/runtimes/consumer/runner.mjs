// `test(name, fn)` of the runtime's own test runner: `bun test` (bun:test), `deno test` (Deno.test)
// or `node --test` (node:test). The suites register their tests through it, so that the same file
// runs under each, and each runner writes its JUnit report for scripts/runtime-matrix.mjs.
// Test names start with the matrix column they count for: `[core] …`, `[fetch] …`.
export const test = globalThis.Bun
  ? (await import('bun:test')).test
  : globalThis.Deno
    ? (name, fn) => globalThis.Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false })
    : (await import('node:test')).test
