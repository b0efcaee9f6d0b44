// modbus-serial's Modbus TCP client against modbus-serial's own ServerTCP on 127.0.0.1 (a PLC
// stand-in that answers Modbus exceptions), a closed port and scripted sockets: a server that
// reads a plant's registers on request.
import { createRequire } from 'node:module'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const require = createRequire(import.meta.url)
const ModbusRTU: any = require('modbus-serial')

const library = 'modbus-serial'

type Callback = (err: unknown, value?: number) => void

/** The register map of the stand-in PLC: each address answers a Modbus exception or a value. */
const plc = {
  getHoldingRegister(addr: number, _unit: number, cb: Callback) {
    if (addr === 100) return cb({ modbusErrorCode: 0x06, msg: 'busy' })
    if (addr === 200) return cb({ modbusErrorCode: 0x04, msg: 'sensor failure' })
    if (addr === 300) return cb({ modbusErrorCode: 0x0b, msg: 'target did not respond' })
    if (addr >= 1000) return cb({ modbusErrorCode: 0x02, msg: 'no such register' })
    cb(null, 42)
  },
  getInputRegister(_addr: number, _unit: number, cb: Callback) {
    cb(null, 7)
  },
  getCoil(_addr: number, _unit: number, cb: (err: unknown, value?: boolean) => void) {
    cb(null, false)
  },
  setRegister(addr: number, _value: number, _unit: number, cb: (err: unknown) => void) {
    if (addr < 500) return cb({ modbusErrorCode: 0x03, msg: 'value out of range' })
    cb(null)
  },
  setCoil(_addr: number, _value: boolean, _unit: number, cb: (err: unknown) => void) {
    cb(null)
  },
}

async function startPlc(): Promise<{ port: number; close(): Promise<void> }> {
  const probe = await tcpServer(() => {})
  const port = probe.port
  await probe.close()
  const server = new ModbusRTU.ServerTCP(plc as never, { host: '127.0.0.1', port, unitID: 1 })
  server.on('socketError', () => {})
  await new Promise<void>((resolve) => server.on('initialized', () => resolve()))
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

async function connected(port: number, timeout = 1000): Promise<any> {
  const client = new ModbusRTU()
  await client.connectTCP('127.0.0.1', { port })
  client.setID(1)
  client.setTimeout(timeout)
  return client
}

const closeClient = (client: any) =>
  new Promise<void>((resolve) => {
    if (!client.isOpen) return resolve()
    client.close(() => resolve())
  })

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const server = await startPlc()
  const client = await connected(server.port)
  try {
    add({
      what: 'PLC answered exception 6: Error "Modbus exception 6: Slave device busy (retry request again later)", modbusCode 6',
      why: 'dependency busy: unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => client.readHoldingRegisters(100, 1)),
    })
    add({
      what: 'PLC answered exception 4: Error "Modbus exception 4: Slave device failure (device reports internal error)", modbusCode 4',
      why: 'dependency failed on its side: upstream answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => client.readHoldingRegisters(200, 1)),
    })
    add({
      what: 'gateway answered exception 11: Error "Modbus exception 11: Gateway target device failed to respond (retry request again later)", modbusCode 11',
      why: 'the device behind the gateway is too slow / did not answer: gateway timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => client.readHoldingRegisters(300, 1)),
    })
    add({
      what: 'our register map is wrong, we read address 1000: Error "Modbus exception 2: Illegal data address (register not supported by device)", modbusCode 2',
      why: 'dependency rejected our request (our configuration) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => client.readHoldingRegisters(1000, 1)),
    })
    add({
      what: 'our code wrote an out-of-range setpoint to register 10: Error "Modbus exception 3: Illegal data value (value cannot be written to this register)", modbusCode 3',
      why: 'dependency rejected our request (ambiguous: the value may come from the client; no input validation of ours ran) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => client.writeRegister(10, 65000)),
    })
  } finally {
    const closing = closeClient(client)
    await server.close()
    await closing
  }

  const idle = new ModbusRTU()
  add({
    what: 'our code read registers before connecting: PortNotOpenError "Port Not Open", errno ECONNREFUSED',
    why: 'our own bug (call on a client that is not open): everything else',
    expect: { status: 500 },
    error: await rejectionOf(() => idle.readHoldingRegisters(0, 1)),
  })

  const port = await closedPort()
  const refused = new ModbusRTU()
  add({
    what: 'PLC port closed: connectTCP() rejected with ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => refused.connectTCP('127.0.0.1', { port })),
  })
  await closeClient(refused)

  const silent = await hangingServer()
  const slow = await connected(silent.port, 200)
  try {
    add({
      what: 'PLC accepted the connection and never answered the read: TransactionTimedOutError "Timed out", errno ETIMEDOUT, after our 200 ms timeout',
      why: 'dependency too slow: our timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => slow.readHoldingRegisters(0, 1)),
    })
  } finally {
    const closing = closeClient(slow)
    await silent.close()
    await closing
  }

  const garbage = await tcpServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      // Echo the transaction id with a header whose length field lies, then junk.
      const reply = Buffer.from([chunk[0] ?? 0, chunk[1] ?? 1, 0, 0, 0, 3, 1, 0x03, 0x09])
      socket.write(reply)
    })
  })
  const confused = await connected(garbage.port, 500)
  try {
    add({
      what: 'PLC answered the read with a truncated, malformed Modbus frame: Error "Data length error, expected 7 got 5"',
      why: 'dependency broke its protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => confused.readHoldingRegisters(0, 1)),
    })
  } finally {
    const closing = closeClient(confused)
    await garbage.close()
    await closing
  }
  return cases
}
