// Assertions that run anywhere, workerd without nodejs_compat included (no node:assert there):
// each throws an Error that says what was expected and what was seen.
const show = (value) => {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/** `actual` equals `expected`, compared as JSON; `context` (e.g. the response text) says why. */
export function equal(actual, expected, label = 'value', context) {
  if (show(actual) === show(expected)) return
  const why = context === undefined ? '' : ` — ${String(context).slice(0, 300)}`
  throw new Error(`${label}: expected ${show(expected)}, saw ${show(actual)}${why}`)
}

export function ok(condition, label, seen) {
  if (!condition) throw new Error(seen === undefined ? label : `${label} (saw ${show(seen)})`)
}
