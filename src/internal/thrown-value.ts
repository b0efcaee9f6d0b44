/**
 * Carries a thrown value that is not an `Error` (a string, `null`, a plain object) through code
 * that only handles errors. `classify` looks through it to the value, as it does any cause.
 */
export class ThrownValue extends Error {
  override readonly name = 'ThrownValue'
  constructor(value: unknown) {
    super('A value that is not an Error was thrown', { cause: value })
  }
}
