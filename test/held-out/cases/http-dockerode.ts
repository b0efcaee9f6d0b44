import Docker from 'dockerode'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'dockerode'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The Docker Engine API over TCP (DOCKER_HOST=tcp://…), as a CI runner or a remote daemon has it.
  const docker = new Docker({ protocol: 'http', host: '127.0.0.1', port: up.port, timeout: 250 })
  const inspect = () => docker.getContainer('build-runner-7').inspect()
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 404, body: { message: 'No such container: build-runner-7' } })
    cases.push({
      library,
      what: 'the Docker daemon answered 404 to container.inspect (plain Error with statusCode 404, reason, json)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(inspect),
    })

    up.reply({
      status: 409,
      body: {
        message: 'You cannot remove a running container 3f2a. Stop the container before attempting removal',
      },
    })
    cases.push({
      library,
      what: 'the Docker daemon answered 409 to container.remove (plain Error with statusCode 409, reason undefined, "(HTTP code 409) unexpected - …")',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => docker.getContainer('build-runner-7').remove()),
    })

    up.reply({ status: 304, body: '' })
    cases.push({
      library,
      what: 'the Docker daemon answered 304 to container.start (already started): plain Error with statusCode 304',
      why: 'an outbound answer that the SDK treats as a failure: not a client error of ours, 500 (a status outside 400–599 is never used)',
      upstreamStatus: 304,
      expect: { status: 500 },
      error: await rejectionOf(() => docker.getContainer('build-runner-7').start()),
    })

    up.reply({ status: 401, body: { message: 'unauthorized: authentication required' } })
    cases.push({
      library,
      what: 'the Docker daemon answered 401 to an image pull (registry credentials missing): plain Error with statusCode 401, reason undefined',
      why: WHY.upstream4xx,
      upstreamStatus: 401,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => docker.getImage('registry.example/app:1').inspect()),
    })

    up.reply({ status: 500, body: { message: 'driver failed programming external connectivity' } })
    cases.push({
      library,
      what: 'the Docker daemon answered 500 (plain Error with statusCode 500, reason "server error")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(inspect),
    })

    up.reply({
      status: 503,
      body: {
        message:
          'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      },
    })
    cases.push({
      library,
      what: 'the Docker daemon answered 503 to listServices (not a swarm manager): plain Error with statusCode 503, "(HTTP code 503) unexpected - …"',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => docker.listServices()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "docker-modem's own 250 ms timeout destroyed the request to a daemon that never answered: the bare 'socket hang up', code ECONNRESET",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(inspect),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the Docker daemon reset the connection (the net error passed through)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(inspect),
    })

    const port = await closedPort()
    const refused = new Docker({ protocol: 'http', host: '127.0.0.1', port, timeout: 250 })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (the net error passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.ping()),
    })
    return cases
  } finally {
    await up.close()
  }
}
