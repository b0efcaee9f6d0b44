import { describe, expect, it } from 'vitest'
import { score } from '../held-out/score.js'
import { collect as airtable } from './cloud/http-airtable.js'
import { collect as mailgun } from './cloud/http-mailgun-js.js'

// Real errors of mailgun.js and airtable.js, thrown live against a loopback upstream. They were
// collected for the held-out set, where nothing on them told the API's status from an app's own
// (no stack, no response, no request): the `cloud` family reads their markers, so they left it and
// are tested here.
describe('cloud: SDKs that keep only the API status', () => {
  it('mailgun.js', async () => {
    const results = (await mailgun()).map(score)
    expect(results.length).toBe(6)
    for (const result of results) expect(result.misses, `${result.case.what} (${result.rule})`).toEqual([])
  })

  it("airtable.js: its own AirtableError, whatever the API's status", async () => {
    const results = (await airtable()).map(score).filter((r) => !r.case.what.includes('AbortError'))
    expect(results.length).toBe(5)
    for (const result of results) expect(result.misses, `${result.case.what} (${result.rule})`).toEqual([])
  })

  // Its own requestTimeout rejects with node-fetch's AbortError ("The user aborted a request."),
  // whose words say nothing of a timeout; its stack does: the timer's callback made the abort (504).
  it("airtable.js: its requestTimeout's AbortError is a timeout (504)", async () => {
    const [result] = (await airtable()).map(score).filter((r) => r.case.what.includes('AbortError'))
    expect(result?.misses).toEqual([])
  })
})
