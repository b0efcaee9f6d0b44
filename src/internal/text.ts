// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: they become spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
// Invisible characters that can hide or reorder text in logs, terminals and pages: bidi
// embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width
// and invisible formatting characters (U+180E, U+200B, U+2060–4, U+FEFF, U+FFF9–B), and lone
// surrogates, which are no text at all. They are removed. ZWNJ and ZWJ (U+200C/D) stay: Persian
// script and emoji sequences need them.
const INVISIBLE =
  /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Anything `sanitizeText` would change: a control, separator or invisible character, any
 * surrogate (the pairs are checked by `INVISIBLE`), a run of spaces, white space at either end.
 */
const UNCLEAN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what it looks for
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]| {2}|^\s|\s$/

/** The default cap, in UTF-16 code units, on any string copied from an error. */
export const DEFAULT_MAX_TEXT = 1024

/**
 * Makes a string from an error safe to show: control characters become spaces, invisible and
 * reordering characters and lone surrogates go, runs of white space fold, and the result is capped
 * at `max` code units (with an ellipsis). The string is cut before it is scanned, so a 10 MB
 * message costs no more than a short one.
 */
export function sanitizeText(text: string, max: number = DEFAULT_MAX_TEXT): string {
  const truncated = text.length > max
  // Most text is clean already: one scan answers it as it is.
  if (!truncated && !UNCLEAN.test(text)) return text
  const cut = (truncated ? text.slice(0, max) : text)
    .replace(CONTROLS, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim()
  if (!truncated) return cut
  // The cut may have split a surrogate pair: the half left behind goes.
  return `${cut.slice(0, Math.max(0, max - 1)).replace(INVISIBLE, '')}…`
}
