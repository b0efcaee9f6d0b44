import { Kafka, logLevel } from 'kafkajs'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const admin = (port: number) =>
    new Kafka({
      brokers: [`127.0.0.1:${port}`],
      retry: { retries: 0 },
      connectionTimeout: 300,
      requestTimeout: 300,
      logLevel: logLevel.NOTHING,
    }).admin()
  const refused = admin(await closedPort())
  const silent = admin(server.port)
  try {
    return [
      {
        library: 'kafkajs',
        what: 'admin.connect to a closed port: KafkaJSNumberOfRetriesExceeded (cause KafkaJSConnectionError ECONNREFUSED)',
        why: 'dependency unavailable: broker refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => refused.connect()),
      },
      {
        library: 'kafkajs',
        what: 'the broker accepts TCP and never answers ApiVersions: retries exceeded (cause KafkaJSRequestTimeoutError)',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => silent.connect()),
      },
    ]
  } finally {
    await refused.disconnect()
    await silent.disconnect()
    await server.close()
  }
}
