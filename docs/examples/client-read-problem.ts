import { readProblem } from 'http-triage/client'

/** Shows an error answer to the user: the field errors of a 422, else the detail and the request id. */
export async function describeFailure(response: Response): Promise<string> {
  const problem = await readProblem(response) // reads a clone: `response` stays unread
  if (problem === undefined) return `Unexpected answer ${response.status}` // HTML from a proxy, a CDN …
  if (problem.code === 'VALIDATION_FAILED' && problem.errors) {
    return problem.errors.map((issue) => `${issue.path}: ${issue.message}`).join('\n')
  }
  return `${problem.detail ?? problem.title ?? 'Request failed'} (quote ${problem.requestId ?? 'no id'} to support)`
}
