import type { Rule } from '../types.js'

// Placeholder: this family's rule is being written; it recognises nothing yet.
export const resilienceRule: Rule = {
  name: 'resilience',
  match: () => undefined,
}
