import { STATUS_CODES } from 'node:http'
import { getReasonPhrase, StatusCodes } from 'http-status-codes'
import { describe, expect, it } from 'vitest'
import { CODES, codeForStatus, titleForStatus } from '../../src/index.js'

/** Where RFC 9110 renamed a status that `http-status-codes` still names as RFC 7231 did. */
const RFC_9110 = new Map([
  [413, ['Content Too Large', 'PAYLOAD_TOO_LARGE']],
  [414, ['URI Too Long', 'URI_TOO_LONG']],
  [416, ['Range Not Satisfiable', 'RANGE_NOT_SATISFIABLE']],
  [422, ['Unprocessable Content', 'UNPROCESSABLE_ENTITY']],
])

const errorStatuses = Object.values(StatusCodes).filter((v): v is number => typeof v === 'number' && v >= 400)

describe('status names', () => {
  it('give every 4xx and 5xx status of http-status-codes its reason phrase and code, as RFC 9110 renamed them', () => {
    expect(errorStatuses.length).toBeGreaterThan(35)
    for (const status of errorStatuses) {
      const [title, code] = RFC_9110.get(status) ?? [getReasonPhrase(status), StatusCodes[status]]
      expect([status, titleForStatus(status)]).toEqual([status, title])
      expect([status, codeForStatus(status)]).toEqual([status, code])
    }
  })

  it("title every 4xx and 5xx status of Node's STATUS_CODES, as RFC 9110 renamed them", () => {
    const renamed = new Map([
      [418, "I'm a teapot"],
      ...[...RFC_9110].map(([s, [t]]) => [s, t] as [number, string]),
    ])
    for (const [key, phrase] of Object.entries(STATUS_CODES)) {
      const status = Number(key)
      if (status >= 400)
        expect([status, titleForStatus(status)]).toEqual([status, renamed.get(status) ?? phrase])
    }
  })

  it('name the statuses the package lacks (425 Too Early, nginx 499) and fall back to the class', () => {
    expect([titleForStatus(425), codeForStatus(425)]).toEqual(['Too Early', 'TOO_EARLY'])
    expect([titleForStatus(499), codeForStatus(499)]).toEqual([
      'Client Closed Request',
      'CLIENT_CLOSED_REQUEST',
    ])
    expect([titleForStatus(460), codeForStatus(460)]).toEqual(['Client Error', 'BAD_REQUEST'])
    expect([titleForStatus(599), codeForStatus(599)]).toEqual(['Server Error', 'INTERNAL_SERVER_ERROR'])
  })

  it('title every status of the code table', () => {
    for (const { status } of Object.values(CODES))
      expect(titleForStatus(status), String(status)).not.toMatch(/^(Client|Server) Error$/)
  })
})
