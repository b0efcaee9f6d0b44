import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// What a browser or Worker bundle of `http-triage/client` holds: the client and the few pure
// modules it shares with the server side, nothing of the classifier, and ≤ 4 KB min+gzip.
// (bench/size.mjs measures the built package the same way.)
const ENTRY = fileURLToPath(new URL('../../src/client.ts', import.meta.url))

describe('the client bundle', () => {
  it('holds no server-side module and stays under 4 KB min+gzip', async () => {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'error',
    })
    const inputs = Object.keys(result.metafile.inputs).map((path) => path.slice(path.indexOf('src/')))
    const shared = inputs.filter((path) => !path.startsWith('src/client'))
    expect(shared.sort()).toEqual([
      'src/internal/network-fault.ts',
      'src/internal/system-codes.ts',
      'src/internal/verdicts.ts',
    ])
    const code = result.outputFiles[0]?.contents ?? new Uint8Array()
    expect(new TextDecoder().decode(code)).not.toMatch(/\bprocess\.|\bBuffer\b|node:/)
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(4 * 1024)
  })
})
