// The message prefilter's promise, checked against the patterns it stands in for: a clear bit means
// the late readers' patterns cannot match the message's first 256 characters; the fault words and
// the quoted system code are found exactly.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONSTRAINT_WORDS,
  FAR_SIDE,
  FAULT_WORDS,
  messageWords,
  STATUS_DIGITS,
  SYSTEM_CODE,
  VERIFIER,
} from '../../src/internal/message-words.js'

const FAULT =
  /tim|refus|avail|pool|queue|many|max|hang|reset|clos|fin packet|lost|lock|mutex|sema|host|auth|bad|wrong|invalid|ended|limit|retries|broken|connect|fetch|network|circuit|breaker|overload|pars|json|shut|drain|memory|http\/|upstream|redirect|again|busy|respond|unexpected|retry|deadline|reach|malformed|exclusive|gone away|conflict|concurren|only|within|protocol|longer than|unknown re|unrecognized/i
const QUOTED = /\bE[A-Z]{4}/
const STATUS = /[45]\d\d/
const FAR = /internal|server|bad/i
const SIGNED = /ignature|xpired/i
const CONSTRAINT =
  /constraint|duplicate key|serialize access|invalid input|primary key|unique index|foreign key|not null|allow null/i

/** What each bit stands for, as a pattern over the first 256 characters. */
const ORACLE: readonly (readonly [string, number, RegExp, 'exact' | 'superset'])[] = [
  ['fault words', FAULT_WORDS, FAULT, 'exact'],
  ['system code', SYSTEM_CODE, QUOTED, 'exact'],
  ['status digits', STATUS_DIGITS, STATUS, 'superset'],
  ['far side', FAR_SIDE, FAR, 'superset'],
  ['verifier', VERIFIER, SIGNED, 'superset'],
  ['constraint', CONSTRAINT_WORDS, CONSTRAINT, 'superset'],
]

const FRAGMENTS = [
  ...FAULT.source.replace('\\/', '/').split('|'),
  'internal',
  'server',
  'signature',
  'EXPIRED',
  'constraint',
  'duplicate key',
  'serialize access',
  'invalid input',
  'ECONNREFUSED',
  'EPIPE',
  'Error',
  'E',
  'ETIM',
  '_E',
  '503',
  '4',
  '42',
  '599',
  ' ',
  '/',
  '-',
  '.',
  'é',
  'ſ', // a non-ASCII letter that no case-insensitive ASCII pattern folds
  'K', // the Kelvin sign
]
const randomCase = (word: string, flips: boolean[]) =>
  [...word].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('')
const fragment = fc
  .tuple(fc.constantFrom(...FRAGMENTS), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([word, flips, keep]) => (keep ? word : randomCase(word, flips)))
const message = fc.oneof(
  fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 80 })
    .map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary', maxLength: 300 }),
)

describe('messageWords', () => {
  it('answers each pattern over the first 256 characters: exactly, or never missing a match', () => {
    fc.assert(
      fc.property(message, (text) => {
        const words = messageWords(text)
        const scanned = text.slice(0, 256)
        for (const [, bit, pattern, kind] of ORACLE) {
          const matches = pattern.test(scanned)
          if (kind === 'exact') expect((words & bit) !== 0).toBe(matches)
          else if (matches) expect(words & bit).toBe(bit)
        }
      }),
      { numRuns: 20_000 },
    )
  })

  it('finds a word at the start, the end, and across the scan limit only within it', () => {
    expect(messageWords('timeout')).toBe(FAULT_WORDS)
    expect(messageWords('the pool')).toBe(FAULT_WORDS)
    expect(messageWords(`${'x'.repeat(254)}tim`)).toBe(0)
    expect(messageWords(`${'x'.repeat(253)}tim`)).toBe(FAULT_WORDS)
    expect(messageWords('FIN PACKET')).toBe(FAULT_WORDS)
    expect(messageWords('fin_packet')).toBe(0)
  })

  it('says nothing of a message with none of the words', () => {
    expect(messageWords('something broke')).toBe(0)
    expect(messageWords("Cannot read properties of undefined (reading 'id')")).toBe(0)
    expect(messageWords('')).toBe(0)
  })

  it('finds a system code only at the start of a word, in capitals', () => {
    expect(messageWords('write EPIPE')).toBe(SYSTEM_CODE)
    expect(messageWords('xEPIPE')).toBe(0)
    expect(messageWords('write Epipe')).toBe(0)
    expect(messageWords('(EPIPE)')).toBe(SYSTEM_CODE)
  })

  it('finds the status digits and the words of a far side and a verifier', () => {
    expect(messageWords('HTTP 503')).toBe(STATUS_DIGITS)
    expect(messageWords('code 200')).toBe(0)
    expect(messageWords('Internal Server Error') & FAR_SIDE).toBe(FAR_SIDE)
    expect(messageWords('Invalid signature') & VERIFIER).toBe(VERIFIER)
    expect(messageWords('Token EXPIRED') & VERIFIER).toBe(VERIFIER)
  })
})
