// Markdown tables and number formats for the benchmark output.

/** Prints a Markdown table; the first column is left-aligned, the others right-aligned. */
export function printTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`
  console.log(line(head))
  console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`)
  for (const row of rows) console.log(line(row))
  console.log()
}

/** Nanoseconds, three significant figures. */
export function ns(value) {
  if (value >= 1e6) return `${(value / 1e6).toPrecision(3)} ms`
  if (value >= 1e3) return `${(value / 1e3).toPrecision(3)} µs`
  return `${value.toPrecision(3)} ns`
}

export function ratio(value) {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A target line: met or not, with the numbers. */
export function verdict(met, text) {
  return `${met ? 'MET    ' : 'NOT MET'}  ${text}`
}
