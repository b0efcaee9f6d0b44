import { createClassifier } from 'http-triage'

export const classify = createClassifier({
  overrides: {
    VALIDATION_FAILED: 400, // by code: schema failures are 400 in this API
    'node-system:ENOENT': 404, // by rule: this app serves files, a missing one is the client's 404
    'validation:joi': { status: 400, code: 'BAD_PAYLOAD' }, // a status and a code of your own
  },
})
