import { Connection } from 'jsforce'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'jsforce'

const ACCOUNT = '001Dn00000ZxYqAIAV'
const VERSION = '59.0'
const NO_RETRIES = { retry: { maxRetries: 0 } }

const loginResponse = (passwordExpired: boolean) =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result>' +
  `<passwordExpired>${String(passwordExpired)}</passwordExpired><sandbox>false</sandbox>` +
  '<serverUrl>https://example.my.salesforce.com/services/Soap/u/59.0/00D</serverUrl>' +
  '<sessionId>00D!restricted</sessionId><userId>005Dn000001abcd</userId>' +
  '<userInfo><organizationId>00DDn00000abcde</organizationId></userInfo>' +
  '</result></loginResponse></soapenv:Body></soapenv:Envelope>'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const connect = (url: string) =>
    new Connection({
      instanceUrl: url,
      loginUrl: url,
      accessToken: 'not-a-real-session-id',
      version: VERSION,
    })
  const conn = connect(up.url)
  const account = (c = conn) => c.sobject('Account').retrieve(ACCOUNT)
  const restPath = `/services/data/v${VERSION}/sobjects/Account/${ACCOUNT}`
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  try {
    up.reply({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    })
    add(
      'REST API answered 401 INVALID_SESSION_ID to our access token (no refresh delegate configured)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => account()),
      401,
    )

    up.reply({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    })
    add(
      'REST API answered 404 NOT_FOUND for the Account id',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => account()),
      404,
    )

    up.reply({
      status: 400,
      body: [
        {
          message:
            'duplicate value found: External_Id__c duplicates value on record with id: 001Dn00000ZxYqB',
          errorCode: 'DUPLICATE_VALUE',
          fields: [],
        },
      ],
    })
    add(
      'REST API answered 400 DUPLICATE_VALUE when our server created an Account with an existing external id',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => conn.sobject('Account').create({ Name: 'Acme', External_Id__c: 'A-1' })),
      400,
    )

    up.reply({
      status: 400,
      body: [
        {
          message: "Name FROM Account WHERE Id = '001'\n^\nERROR at Row:1:Column:8\nunexpected token",
          errorCode: 'MALFORMED_QUERY',
        },
        { message: 'second error', errorCode: 'INVALID_FIELD' },
      ],
    })
    add(
      'REST API answered 400 with two errors to our SOQL query; jsforce reports MULTIPLE_API_ERRORS',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => conn.query("SELECT Name FROM Account WHERE Id = '001'")),
      400,
    )

    up.reply({
      status: 403,
      body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    })
    add(
      'REST API answered 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded." (the org\'s API request limit)',
      'SDK throttling that arrives as a 4xx: dependency unavailable, 503',
      { status: 503, retryable: true },
      await rejectionOf(() => account()),
      403,
    )

    up.reply({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>Error</title></head><body>An internal server error has occurred</body></html>',
    })
    add(
      'REST API answered 500 with an HTML page ("HTTP response contains html content"), retries off',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => conn.request(restPath, NO_RETRIES)),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: [{ message: 'Server is temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }],
    })
    add(
      'REST API answered 503 SERVER_UNAVAILABLE with Retry-After: 7, which the error drops; retries off',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => conn.request(restPath, NO_RETRIES)),
      503,
    )

    up.reply('hang')
    add(
      'our 250 ms timeout given to conn.request fired on an API that never answers (node-fetch AbortError)',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => conn.request(restPath, { timeout: 250, ...NO_RETRIES })),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (a POST, which jsforce does not retry)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.sobject('Account').create({ Name: 'Acme' })),
    )

    up.reply({ status: 200, headers: { 'content-type': 'text/xml' }, body: loginResponse(true) })
    add(
      'SOAP login answered 200 with passwordExpired true for our integration user; jsforce refuses the session',
      'our own credentials are not usable: 500',
      { status: 500 },
      await rejectionOf(() => connect(up.url).login('integration@example.com', 'not-a-real-password')),
    )

    add(
      'our server logged in with the password of an unset environment variable; jsforce rejects before any call',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        connect(up.url).login('integration@example.com', process.env.HELD_OUT_AY_UNSET_SF_PASSWORD ?? ''),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}
