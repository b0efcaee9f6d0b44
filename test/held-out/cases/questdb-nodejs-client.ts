import { Sender } from '@questdb/nodejs-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@questdb/nodejs-client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  // ILP over HTTP; every failure is a plain Error whose message holds the status. The default (undici)
  // transport retries 5xx and network errors until retry_timeout; the node:http one (stdlib_http=on) with
  // retry_timeout=0 does not retry at all.
  const conf = (port: number, extra = '') =>
    `http::addr=127.0.0.1:${port};protocol_version=2;retry_timeout=1000;request_timeout=250;auto_flush=off;${extra}`
  const stdlib = 'stdlib_http=on;retry_timeout=0;'
  /** Writes one row and flushes it, as an ingestion endpoint of ours would. */
  const write = async (config: string) => {
    const sender = await Sender.fromConfig(config)
    try {
      await sender
        .table('trades')
        .symbol('symbol', 'ETH-USD')
        .floatColumn('price', 2615.54)
        .at(Date.now(), 'ms')
      await sender.flush()
    } finally {
      await sender.close()
    }
  }
  try {
    up.reply({
      status: 400,
      body: {
        code: 'invalid',
        message:
          'failed to parse line protocol:errors encountered on line(s):\n' +
          'error in line 1: table: trades, column: price; ' +
          'cast error from protocol type: FLOAT to column type: SYMBOL',
        line: 1,
        errorId: '9b3c8a5e6d1f-42',
      },
    })
    add(
      'QuestDB answered 400 "cast error from protocol type: FLOAT to column type: SYMBOL" to the rows our server wrote',
      'our rows do not fit the table schema we configured: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => write(conf(up.port))),
      400,
    )

    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' })
    add(
      'QuestDB answered 401 to our bearer token (plain Error "HTTP request failed, statusCode=401, error=")',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => write(conf(up.port, 'token=not-a-real-token;'))),
      401,
    )

    up.reply({
      status: 500,
      body: {
        code: 'internal error',
        message: 'could not open read-write [file=/var/lib/questdb/db/trades/_txn]',
      },
    })
    add(
      'QuestDB answered 500 "could not open read-write" (node:http transport, retries off)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => write(conf(up.port, stdlib))),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'QuestDB answered 503 with Retry-After: 7, which the plain Error drops (node:http transport, retries off)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => write(conf(up.port, stdlib))),
      503,
    )

    up.reply('hang')
    add(
      "the sender's 250 ms request_timeout and 1 s retry_timeout ran out on a QuestDB that never answers " +
        '(undici transport)',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => write(conf(up.port))),
    )

    up.reply('hang')
    add(
      "the sender's own 250 ms request_timeout fired on a QuestDB that never answers (node:http transport, " +
        'stdlib_http=on, retries off)',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => write(conf(up.port, stdlib))),
    )

    up.reply('reset')
    add(
      'QuestDB reset the connection (TCP RST) after reading the rows (node:http transport)',
      WHY.reset,
      RESET,
      await rejectionOf(() => write(conf(up.port, stdlib))),
    )

    const closed = await closedPort()
    add(
      'connection refused by a closed loopback port (node:http transport, retries off)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => write(conf(closed, stdlib))),
    )

    up.reply({ status: 401, body: '' })
    add(
      'protocol_version=auto: QuestDB answered 401 to the /settings probe; fromConfig rejects with Error ' +
        '"Failed to load …/settings [statusCode=401 (Unauthorized)]"',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => Sender.fromConfig(`http::addr=127.0.0.1:${up.port};protocol_version=auto;`)),
      401,
    )

    add(
      'the sender was configured with "…;retry_timeout;" (a key without a value): fromConfig throws "Missing ' +
        "'=' sign\"",
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => Sender.fromConfig('http::addr=127.0.0.1:9000;retry_timeout;')),
    )

    const sender = await Sender.fromConfig(conf(up.port))
    add(
      'a symbol name taken from the client\'s payload contains a newline: the sender throws "Invalid character ' +
        'in column name"',
      'our code wrote unchecked input into the line protocol: a bug of ours, 500',
      { status: 500 },
      await rejectionOf(() => sender.table('trades').symbol('venue\nname', 'x')),
    )
    await sender.close()
    return cases
  } finally {
    await up.close()
  }
}
