// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides, which
// can reorder or split text in logs and terminals.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g

/** The default cap, in UTF-16 code units, on any string copied from an error. */
export const DEFAULT_MAX_TEXT = 1024

/**
 * Makes a string from an error safe to show: control characters become spaces, runs of white
 * space fold, and the result is capped at `max` code units (with an ellipsis). The string is cut
 * before it is scanned, so a 10 MB message costs no more than a short one.
 */
export function sanitizeText(text: string, max: number = DEFAULT_MAX_TEXT): string {
  const truncated = text.length > max
  const cut = (truncated ? text.slice(0, max) : text)
    .replace(UNSAFE_CHARACTERS, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
  if (!truncated) return dropLoneSurrogate(cut)
  return `${dropLoneSurrogate(cut.slice(0, Math.max(0, max - 1)))}…`
}

function dropLoneSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text
}
