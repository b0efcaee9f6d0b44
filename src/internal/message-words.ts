import { MESSAGE_SCAN } from './network-fault.js'
import type { Probe } from './probe.js'

/**
 * Which kinds of words a message may hold, found in one pass over its first `MESSAGE_SCAN`
 * characters: a prefilter for the late readers' patterns, which are many and case-insensitive, and
 * which most messages (an application's own `Error('something broke')`) meet none of. A bit that is
 * clear is a promise that the reader's patterns cannot match; a bit that is set only says they may
 * (the readers' own patterns decide).
 */

/** A fault's words: a timeout, a refusal, a pool, a lock, a limit, a parse, a redirect … */
export const FAULT_WORDS = 1
/** A system code in capitals at the start of a word (`EPIPE`, `ECONNRESET`). */
export const SYSTEM_CODE = 2
/** Three digits that begin with 4 or 5: a status a message may report. */
export const STATUS_DIGITS = 4
/** A far side's failure in words (`internal`, `server`, `bad`). */
export const FAR_SIDE = 8
/** A verifier's words (`signature`, `expired`, `audience`, `issuer`). */
export const VERIFIER = 16
/** A SQL engine's words for a constraint, a conflict or a malformed value (`constraint`, `duplicate key`). */
export const CONSTRAINT_WORDS = 32

/**
 * The words, in lower case, by kind. A word matches wherever it sits, in any case (`ETIMEDOUT`
 * holds `tim`). Every pattern a kind stands in for needs one of its words: the message words of
 * `internal/transient.ts` and `network-fault.ts`, the code words a message may begin with, the
 * auth family's verifier words, the SQL engines' constraint words (the `sql-message` family). A
 * pattern whose words are not here is never tried.
 */
const WORDS: readonly (readonly [number, readonly string[]])[] = [
  [
    FAULT_WORDS,
    // biome-ignore format: a list of words
    ['tim', 'refus', 'avail', 'pool', 'queue', 'many', 'max', 'hang', 'reset', 'clos', 'fin packet',
      'lost', 'lock', 'mutex', 'sema', 'host', 'auth', 'bad', 'wrong', 'invalid', 'ended', 'limit',
      'retries', 'broken', 'connect', 'fetch', 'network', 'circuit', 'breaker', 'overload', 'much load',
      'pars', 'json', 'shut', 'drain', 'memory', 'http/', 'upstream', 'redirect', 'again', 'busy', 'respond',
      'unexpected', 'retry', 'deadline', 'reach', 'malformed', 'exclusive', 'gone away', 'conflict',
      'concurren', 'only', 'within', 'protocol', 'longer than', 'unknown re', 'unrecognized',
      'unsupported'],
  ],
  [FAR_SIDE, ['internal', 'server', 'bad']],
  [VERIFIER, ['ignature', 'xpired', 'udience', 'ssuer', 'wrong aud', 'wrong iss']],
  // biome-ignore format: a list of words
  [CONSTRAINT_WORDS, ['constraint', 'duplicate key', 'serialize access', 'invalid input', 'primary key',
    'unique index', 'foreign key', 'not null', 'allow null']],
]

/** An ASCII character folded to five bits: a letter in either case 1–26, a space 27, a slash 28, else 0. */
const FOLD = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  FOLD[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? c & 31 : c === 32 ? 27 : c === 47 ? 28 : 0
}
const fold = (c: number): number => (c < 128 ? (FOLD[c] as number) : 0)

/** The words by their first three folded characters, a 15-bit key. */
const BY_TRIGRAM = new Map<number, { word: string; bit: number }[]>()
/** Whether a key begins any word: one byte, looked up for every character scanned. */
const TRIGRAMS = new Uint8Array(1 << 15)
for (const [bit, words] of WORDS) {
  for (const word of words) {
    const key = (fold(word.charCodeAt(0)) << 10) | (fold(word.charCodeAt(1)) << 5) | fold(word.charCodeAt(2))
    TRIGRAMS[key] = 1
    const list = BY_TRIGRAM.get(key) ?? []
    list.push({ word, bit })
    BY_TRIGRAM.set(key, list)
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57
const isCapital = (c: number) => c >= 65 && c <= 90
const isWordChar = (c: number) => isDigit(c) || isCapital(c) || (c >= 97 && c <= 122) || c === 95

/** The kinds of words (a mask of the bits above) in the first `MESSAGE_SCAN` characters of `text`. */
export function messageWords(text: string): number {
  const end = text.length < MESSAGE_SCAN ? text.length : MESSAGE_SCAN
  let mask = 0
  let key = 0
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    const folded = c < 128 ? (FOLD[c] as number) : 0
    key = ((key << 5) | folded) & 0x7fff
    if (TRIGRAMS[key] === 1 && i >= 2) mask |= wordsAt(text, i - 2, end, key)
    if (folded === 0) {
      if ((c === 52 || c === 53) && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)))
        mask |= STATUS_DIGITS
    } else if (c === 69 && i + 4 < end && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) {
      if (
        isCapital(text.charCodeAt(i + 1)) &&
        isCapital(text.charCodeAt(i + 2)) &&
        isCapital(text.charCodeAt(i + 3)) &&
        isCapital(text.charCodeAt(i + 4))
      )
        mask |= SYSTEM_CODE
    }
  }
  return mask
}

/** The bits of the words that begin at `start` (their first three characters already match). */
function wordsAt(text: string, start: number, end: number, key: number): number {
  let mask = 0
  for (const { word, bit } of BY_TRIGRAM.get(key) ?? []) {
    if (start + word.length > end) continue
    let i = 3
    while (i < word.length && fold(text.charCodeAt(start + i)) === fold(word.charCodeAt(i))) i++
    if (i === word.length) mask |= bit
  }
  return mask
}

/** The kinds of words in a value's message, found once per probe. */
export const messageWordsOf = (value: Probe): number => value.words(messageWords)
