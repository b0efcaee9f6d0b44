import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import rhea from 'rhea'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'amqp10'
const amqp = createRequire(import.meta.url)('amqp10') as any

/** An AMQP 1.0 broker on 127.0.0.1 (rhea as the server): SASL PLAIN app/secret, and per-address verdicts. */
async function broker() {
  const container = rhea.create_container({ id: 'broker' })
  container.sasl_server_mechanisms.enable_plain(
    (user: string, pass: string) => user === 'app' && pass === 'secret',
  )
  // Clients that fail SASL or go away are expected here; rhea would console.warn them otherwise.
  container.on('disconnected', () => {})
  container.on('sender_open', (ctx: any) => {
    if (ctx.sender.source?.address === 'admin')
      ctx.sender.close({
        condition: 'amqp:unauthorized-access',
        description: 'User app is not authorized to consume from admin',
      })
    else ctx.sender.open()
  })
  container.on('receiver_open', (ctx: any) => {
    if (ctx.receiver.target?.address === 'invoices')
      ctx.receiver.close({ condition: 'amqp:not-found', description: 'Queue: invoices not found' })
    else ctx.receiver.open()
  })
  container.on('message', (ctx: any) => {
    const address = ctx.receiver.target?.address
    if (address === 'orders')
      ctx.delivery.reject({ condition: 'amqp:resource-limit-exceeded', description: 'Address full: orders' })
    else if (address === 'uploads')
      ctx.delivery.reject({
        condition: 'amqp:link:message-size-exceeded',
        description: 'Message size 2000123 exceeds the limit of 1048576 bytes',
      })
    else ctx.delivery.accept()
  })
  const server = container.listen({ port: 0, host: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The next error the client emits on 'client:errorReceived' while `run` goes on. */
function emitted(client: any, run: () => Promise<unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    client.once('client:errorReceived', resolve)
    run().catch(() => {})
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const server = await broker()
  const refusedPort = await closedPort()
  const policy = amqp.Policy.merge({ reconnect: { retries: 0, forever: false } } as any, amqp.Policy.Default)
  const clients: any[] = []
  const client = () => {
    const c: any = new amqp.Client(policy)
    c.on('client:errorReceived', () => {})
    clients.push(c)
    return c
  }
  const url = `amqp://app:secret@127.0.0.1:${server.port}`
  const good = client()
  await good.connect(url)
  try {
    const wrongPassword = client()
    const consumer = client()
    await consumer.connect(url)
    return [
      {
        library,
        what: 'connect to an AMQP broker on a closed port (no reconnect): AmqpDisconnectedError with an empty message',
        why: 'dependency unavailable: broker refused the connection',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client().connect(`amqp://127.0.0.1:${refusedPort}`)),
      },
      {
        library,
        what: 'send rejected by the broker: AMQPError condition "amqp:resource-limit-exceeded" "Address full: orders"',
        why: 'dependency full: 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(async () => (await good.createSender('orders')).send({ id: 1 })),
      },
      {
        library,
        what: 'send of the client\'s 2 MB upload as-is, rejected: AMQPError "amqp:link:message-size-exceeded"',
        why: "size: the client's own body is what is too large: 413",
        expect: { status: 413 },
        error: await rejectionOf(async () =>
          (await good.createSender('uploads')).send('x'.repeat(2_000_000)),
        ),
      },
      {
        library,
        what: 'createSender("invoices"), a queue our config names but the broker lacks: link detached, client:errorReceived AmqpProtocolError "amqp:not-found"',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: await emitted(good, async () => (await good.createSender('invoices')).send('x')),
      },
      {
        library,
        what: 'createReceiver("admin") refused: client:errorReceived AmqpProtocolError "amqp:unauthorized-access"',
        why: 'dependency rejected our credentials / permissions: 500',
        expect: { status: 500 },
        error: await emitted(consumer, () => consumer.createReceiver('admin')),
      },
      {
        library,
        what: 'connect with a wrong password: client:errorReceived AmqpAuthenticationError "SASL Failed"',
        why: 'dependency rejected our credentials: 500',
        expect: { status: 500 },
        error: await emitted(wrongPassword, () =>
          wrongPassword.connect(`amqp://app:wrong@127.0.0.1:${server.port}`),
        ),
      },
      {
        library,
        what: 'connect with a wrong password: connect() rejected with AmqpDisconnectedError (empty message)',
        why: 'dependency rejected our credentials: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client().connect(`amqp://app:wrong@127.0.0.1:${server.port}`)),
      },
      {
        library,
        what: 'createSender before connect (our bug): Error "Must connect before creating links"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client().createSender('orders')),
      },
    ]
  } finally {
    for (const c of clients) await c.disconnect().catch(() => {})
    await server.close()
  }
}
