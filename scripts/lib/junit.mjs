// The test cases of a JUnit report, as node --test, bun test, deno test and vitest write them, for
// scripts/runtime-matrix.mjs: a test named `[column] …` counts for that column.

const decodeOnce = (text) =>
  text.replace(/&(lt|gt|quot|apos|amp|#(\d+));/g, (_, name, code) =>
    code ? String.fromCharCode(Number(code)) : { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name],
  )
/** An attribute's text. Node's junit reporter escapes `&` after `"` (`&amp;quot;`): decoded twice. */
const decode = (text) => decodeOnce(decodeOnce(text))

/** The test cases of a JUnit report (node, bun, deno and vitest write the same elements). */
export function parseJunit(xml, column) {
  const cases = []
  for (const [, attributes, body = ''] of xml.matchAll(
    /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g,
  )) {
    const name = decode(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '')
    const failed = /<(failure|error)\b/.exec(body)
    const prefixed = /^\[([\w-]+)\] (.*)$/s.exec(name)
    cases.push({
      column: prefixed?.[1] ?? column ?? 'core',
      name: prefixed?.[2] ?? name,
      skipped: /<skipped/.test(body),
      failure: failed
        ? decode(/message="([^"]*)"/.exec(body.slice(failed.index))?.[1] ?? 'failed')
        : undefined,
    })
  }
  return cases
}
