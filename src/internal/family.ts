import type { Rule, Verdict } from '../types.js'
import { type PresentFact, Probe } from './probe.js'

/**
 * What can make a family's rule relevant to a value. The classifier indexes these once, and for
 * each value runs only the families that one of its facts names, so a plain `Error` costs a few
 * reads instead of every family's checks. Triggers are a filter, not the decision: the family's
 * `read` still decides, so a trigger may be broad but must never miss a value the family knows.
 */
export interface Triggers {
  /** Exact `name` or `constructor.name`, e.g. `ZodError`. */
  readonly names?: readonly string[]
  /** A prefix of `name` or `constructor.name`, e.g. `Sequelize`. */
  readonly namePrefixes?: readonly string[]
  /** Exact `code` (a numeric code as its decimal text), e.g. `ECONNREFUSED`, `11000`. */
  readonly codes?: readonly string[]
  /** A prefix of `code`, e.g. `UND_ERR_`, `SQLITE_`. */
  readonly codePrefixes?: readonly string[]
  /** A pattern `code` matches, e.g. a SQLSTATE. */
  readonly codePatterns?: readonly RegExp[]
  /** Exact `message`, e.g. pg-pool's `timeout exceeded when trying to connect`. */
  readonly messages?: readonly string[]
  /** A prefix of `message`, e.g. `UNIQUE constraint failed`. */
  readonly messagePrefixes?: readonly string[]
  /** The ends of own property keys that mark the family's errors, e.g. `Errors` (`validationErrors`). */
  readonly keySuffixes?: readonly string[]
  /** Own property keys that mark the family's errors, e.g. `isBoom`, `$fault`, `issues`. */
  readonly keys?: readonly string[]
  /**
   * Facts whose presence (a value other than `undefined`, own or inherited, enumerable or not)
   * triggers: only the probe's up-front facts (`response`, `request` …), which cost no extra read.
   */
  readonly present?: readonly PresentFact[]
  /**
   * A test of a `name` or constructor name, worked out once per name by the index: the words of a
   * name (`…TimeoutError`), where no list of names can be exhaustive.
   */
  readonly nameTest?: (name: string) => boolean
  /** Relevant to arrays (class-validator rejects with one). */
  readonly arrays?: boolean
  /** Relevant to every value that can carry properties. */
  readonly always?: boolean
  /**
   * The family's late reader (`late`) reads every value that can carry properties, whatever
   * triggered: a message's words may be anyone's.
   */
  readonly lateAlways?: boolean
}

/** A built-in rule family: reads a value through its probe, and declares what triggers it. */
export interface Family extends Rule {
  readonly triggers: Triggers
  /** The verdict for a value, read through its probe (each property read once per classification). */
  readonly read: (value: Probe) => Verdict | undefined
  /** Values this kind of wrapper carries besides `cause` and `errors`, read through its probe. */
  readonly unwrapProbe?: (value: Probe) => readonly unknown[] | undefined
  /**
   * Weak evidence that costs more to read (a message's words): read only when the walk ends with
   * no definite verdict, for the values no family recognised, outermost first.
   */
  readonly readLate?: (value: Probe) => Verdict | undefined
}

interface FamilyDefinition {
  readonly name: string
  readonly triggers: Triggers
  readonly read: (value: Probe) => Verdict | undefined
  readonly unwrap?: (value: Probe) => readonly unknown[] | undefined
  /** Weak verdicts read last (see `Family.readLate`); they rank below every family's `read`. */
  readonly late?: (value: Probe) => Verdict | undefined
}

/**
 * Defines a built-in family. Its `match` (the public `Rule` shape, for users who list the built-in
 * rules themselves) reads a raw value through a fresh probe.
 */
export function family(definition: FamilyDefinition): Family {
  const { name, triggers, read, unwrap, late } = definition
  const rule: Family = {
    name,
    triggers,
    read,
    match: (value: unknown) => {
      const probe = Probe.is(value) ? value : new Probe(value)
      return read(probe) ?? late?.(probe)
    },
    ...(late ? { readLate: late } : {}),
    ...(unwrap
      ? {
          unwrapProbe: unwrap,
          unwrap: (value: unknown) => unwrap(Probe.is(value) ? value : new Probe(value)),
        }
      : {}),
  }
  return rule
}

/** Whether a rule is a built-in family (indexed and read through a probe). */
export function isFamily(rule: Rule): rule is Family {
  return (
    typeof (rule as Partial<Family>).read === 'function' && (rule as Partial<Family>).triggers !== undefined
  )
}
