// @fastify/static: a Fastify app serving /assets/ from a temp directory. Requests are sent with
// node:http so that the path reaches the server exactly as written (fetch would normalise `..`).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import type { HeldOutCase } from '../case.js'
import { keepErrors } from './support/fastify-errors.js'

const library = '@fastify/static'

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

/** What `app.ready()` rejects with when the plugin is registered with `options`. */
async function bootError(options: Record<string, unknown>): Promise<unknown> {
  const app = Fastify()
  app.register(fastifyStatic, options as never)
  try {
    await app.ready()
  } catch (error) {
    await app.close()
    return error
  }
  await app.close()
  throw new Error('the app booted')
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const root = await mkdtemp(join(tmpdir(), 'heldout-ao-static-'))
  await mkdir(join(root, 'css'))
  await writeFile(join(root, 'css', 'site.css'), 'body { color: black }\n')
  await writeFile(join(root, 'app.js'), 'console.log("hi")\n')
  await writeFile(join(root, '.env'), 'SECRET=1\n')
  await symlink(join(root, 'loop-b.js'), join(root, 'loop-a.js'))
  await symlink(join(root, 'loop-a.js'), join(root, 'loop-b.js'))

  const app: FastifyInstance = Fastify()
  const errors = keepErrors(app)
  app.register(fastifyStatic, { root, prefix: '/assets/', dotfiles: 'deny' })
  app.get('/download/:name', (req, reply) => reply.sendFile((req.params as { name: string }).name))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const port = address.port

  const caught = async (path: string, headers?: Record<string, string>): Promise<unknown> => {
    const before = errors.length
    const status = await get(port, path, headers)
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${status})`)
    return errors[before]
  }

  cases.push({
    library,
    what: 'GET /assets/css/../../etc/passwd (a non-leading ".." segment): FST_STATIC_FORBIDDEN_PATH "Forbidden", statusCode 403',
    why: 'carried status the plugin set for our answer: 403',
    expect: { status: 403 },
    error: await caught('/assets/css/../../etc/passwd'),
  })
  cases.push({
    library,
    what: 'GET /assets//app.js (an empty path segment, non-canonical): FST_STATIC_FORBIDDEN_PATH, statusCode 403',
    why: 'carried status the plugin set for our answer: 403',
    expect: { status: 403 },
    error: await caught('/assets//app.js'),
  })
  cases.push({
    library,
    what: 'GET /assets/.env with dotfiles: "deny": @fastify/send ForbiddenError, status 403',
    why: 'carried status: 403',
    expect: { status: 403 },
    error: await caught('/assets/.env'),
  })
  cases.push({
    library,
    what: 'GET /assets/app.js with Range: bytes=5000-6000 past the end of the file: RangeNotSatisfiableError, status 416',
    why: 'carried status: 416',
    expect: { status: 416 },
    error: await caught('/assets/app.js', { range: 'bytes=5000-6000' }),
  })
  cases.push({
    library,
    what: 'GET /assets/app.js with If-Match: "stale-etag": PreconditionFailedError, status 412',
    why: 'carried status: 412',
    expect: { status: 412 },
    error: await caught('/assets/app.js', { 'if-match': '"stale-etag"' }),
  })
  cases.push({
    library,
    what: 'GET /assets/app.js%00.png (a NUL byte in the path): the plugin refuses it as non-canonical, FST_STATIC_FORBIDDEN_PATH, statusCode 403',
    why: 'carried status the plugin set for our answer: 403',
    expect: { status: 403 },
    error: await caught('/assets/app.js%00.png'),
  })
  cases.push({
    library,
    what: 'GET /assets/loop-a.js, a symlink loop left in the asset directory: the fs Error ELOOP, given status 500 / expose false by send',
    why: 'our deployment is broken (filesystem): 500',
    expect: { status: 500 },
    error: await caught('/assets/loop-a.js'),
  })
  cases.push({
    library,
    what: 'route handler passes the client\'s name to reply.sendFile("..%2F..%2Fetc%2Fpasswd"): ForbiddenError 403 from send\'s malicious-path guard',
    why: 'carried status: 403',
    expect: { status: 403 },
    error: await caught('/download/..%2F..%2Fetc%2Fpasswd'),
  })

  await app.close()

  cases.push({
    library,
    what: 'registered with root: "public" (relative): boot fails with FST_STATIC_INVALID_OPTION "root" option must be an absolute path',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: await bootError({ root: 'public' }),
  })
  cases.push({
    library,
    what: 'registered with root pointing at a file: boot fails with FST_STATIC_INVALID_OPTION "root" option must be a directory',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: await bootError({ root: join(root, 'app.js') }),
  })
  cases.push({
    library,
    what: 'registered with list: { format: "xml" }: boot fails with TypeError FST_STATIC_INVALID_OPTION_VALUE, statusCode 500',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: await bootError({ root, list: { format: 'xml' } }),
  })

  await rm(root, { recursive: true, force: true })
  return cases
}
