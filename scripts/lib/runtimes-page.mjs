// The runtime matrix's block of docs/runtimes.md: the table of a run, how each runtime threw for a
// fetch to each loopback upstream (from the names of those core tests) and the failures. `npm run
// docs:runtimes` writes it; every other run checks that the page records the same run.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'runtimes.md')
const BEGIN =
  '<!-- runtime-matrix: begin (written by npm run docs:runtimes; npm test fails when a run differs) -->'
const END = '<!-- runtime-matrix: end -->'
const UPSTREAM = /^a fetch to (a closed port|an upstream that speaks no HTTP): (.*) → (\S+)$/

/** The run as docs/runtimes.md records it: nothing in it depends on timing or ports. */
function docsBlock(rows, table) {
  const md = (cells) => `| ${cells.join(' | ')} |`
  const label = (row) => (row.id === 'node20' ? 'node 20' : row.name)
  const lines = [BEGIN, '', md(table[0]), md(table[0].map(() => '---'))]
  for (const [i, row] of rows.entries()) lines.push(md([label(row), ...table[i + 1].slice(1)]))
  lines.push('', 'A fetch to a loopback upstream, as each runtime throws it, and the rule that matched:', '')
  lines.push(md(['runtime', 'upstream', 'thrown', 'rule']), md(['---', '---', '---', '---']))
  for (const row of rows)
    for (const c of row.cases) {
      const seen = c.column === 'core' && UPSTREAM.exec(c.name)
      if (seen) lines.push(md([label(row), seen[1], `\`${seen[2]}\``, `\`${seen[3]}\``]))
    }
  const failing = rows.flatMap((row) =>
    row.cases
      .filter((c) => c.failure)
      .map((c) => `- ${label(row)} × ${c.column}: ${c.name}: ${c.failure.split('\n')[0]}`),
  )
  if (failing.length) lines.push('', 'Failures of this run:', '', ...failing)
  lines.push('', END)
  return lines.join('\n')
}

/** Writes the block (--write-docs) or checks that the page has it; false when the page is stale. */
export function recordInDocs(rows, table, { write, log }) {
  const page = readFileSync(DOCS, 'utf8')
  const [start, end] = [page.indexOf(BEGIN), page.indexOf(END)]
  if (start === -1 || end < start) throw new Error(`docs/runtimes.md has no ${BEGIN} … ${END} block`)
  const recorded = page.slice(start, end + END.length)
  const block = docsBlock(rows, table)
  if (write) {
    writeFileSync(DOCS, page.slice(0, start) + block + page.slice(end + END.length))
    log(recorded === block ? 'docs/runtimes.md: unchanged' : 'docs/runtimes.md: wrote this run')
    return true
  }
  if (recorded === block) return true
  const [before, after] = [new Set(recorded.split('\n')), new Set(block.split('\n'))]
  log('\nFAILED: docs/runtimes.md records another run than this one (npm run docs:runtimes writes it):')
  for (const line of before) if (!after.has(line)) log(`  - ${line}`)
  for (const line of after) if (!before.has(line)) log(`  + ${line}`)
  return false
}
