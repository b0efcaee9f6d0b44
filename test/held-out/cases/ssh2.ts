import { once } from 'node:events'
import ssh2 from 'ssh2'
import type { Collect } from '../case.js'
import { closedPort, closingServer, hangingServer } from './support/local.js'

/** The error a client emits before it is ready. */
function connectError(config: ssh2.ConnectConfig): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    client.on('error', (error) => {
      client.end()
      resolve(error)
    })
    client.on('ready', () => {
      client.end()
      reject(new Error('expected the SSH connection to fail'))
    })
    client.connect(config)
  })
}

/** The error `run` passes to its callback on a ready client. */
function callbackError(
  config: ssh2.ConnectConfig,
  run: (client: ssh2.Client, done: (error: unknown) => void) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    client.on('error', reject)
    client.on('ready', () =>
      run(client, (error) => {
        client.end()
        if (error) resolve(error)
        else reject(new Error('expected the SSH request to fail'))
      }),
    )
    client.connect(config)
  })
}

export const collect: Collect = async () => {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private
  const { STATUS_CODE } = ssh2.utils.sftp
  // An SSH server that takes one password, refuses exec, and answers every SFTP stat "no such file".
  const connections = new Set<ssh2.Connection>()
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (connection) => {
    connections.add(connection)
    connection.on('error', () => {})
    connection.on('close', () => connections.delete(connection))
    connection.on('authentication', (context) => {
      if (context.method === 'password' && context.password === 'current') context.accept()
      else context.reject(['password'])
    })
    connection.on('ready', () =>
      connection.on('session', (accept) => {
        const session = accept()
        session.on('exec', (_accept, rejectExec) => rejectExec())
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp()
          sftp.on('STAT', (id) => sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file'))
        })
      }),
    )
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  const hanging = await hangingServer()
  const closing = await closingServer()
  const login = { host: '127.0.0.1', port, username: 'app', password: 'current', readyTimeout: 2000 }
  try {
    return [
      {
        library: 'ssh2',
        what: 'connect to a closed port: connect ECONNREFUSED (level client-socket)',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await connectError({ ...login, port: await closedPort() }),
      },
      {
        library: 'ssh2',
        what: 'the server accepts TCP and never answers: "Timed out while waiting for handshake"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await connectError({ ...login, port: hanging.port, readyTimeout: 300 }),
      },
      {
        library: 'ssh2',
        what: 'the server closes the connection at once: "Connection lost before handshake"',
        why: 'dependency reset the connection',
        expect: { status: 502, retryable: true },
        error: await connectError({ ...login, port: closing.port }),
      },
      {
        library: 'ssh2',
        what: 'the server rejects our password: "All configured authentication methods failed"',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await connectError({ ...login, password: 'stale' }),
      },
      {
        library: 'ssh2',
        what: 'the server refuses our exec request: "Unable to exec"',
        why: 'a dependency refused a request our server made: 500',
        expect: { status: 500 },
        error: await callbackError(login, (client, done) => client.exec('backup --now', done)),
      },
      {
        library: 'ssh2',
        what: 'SFTP stat of a remote file that does not exist: "No such file" (SFTP status 2)',
        why: "a missing file on a dependency is not the client's 404 (as ENOENT): everything else",
        expect: { status: 500 },
        error: await callbackError(login, (client, done) =>
          client.sftp((error, sftp) => {
            if (error) return done(error)
            sftp.stat('/exports/report-42.csv', (statError) => {
              sftp.end()
              done(statError)
            })
          }),
        ),
      },
    ]
  } finally {
    for (const connection of connections) connection.end()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await hanging.close()
    await closing.close()
  }
}
