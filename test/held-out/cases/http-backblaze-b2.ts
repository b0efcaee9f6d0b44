import B2 from 'backblaze-b2'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'backblaze-b2'

const BUCKET = '4a48fe8875c6214145260818'

/** B2's error body. */
const b2Error = (status: number, code: string, message: string) => ({ status, code, message })

export const collect: Collect = async () => {
  const up = await startUpstream()
  // axios-retry is off; the axios config of the client carries the timeout.
  const make = (timeout = 2000) =>
    new B2({
      applicationKeyId: '0014a8e87c6a4c1000000001',
      applicationKey: 'K001notarealkey',
      axios: { timeout },
      retry: { retries: 0 },
    })
  const authorizeAt = (b2: B2, base: string) =>
    b2.authorize({ axiosOverride: { url: `${base}/b2api/v2/b2_authorize_account` } })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; axios underneath, axios-retry off')
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="b2"' },
      body: b2Error(401, 'bad_auth_token', 'Invalid authorization token'),
    })
    add(
      'the storage API answered 401 bad_auth_token to b2_authorize_account with our application key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => authorizeAt(make(), up.url)),
      401,
    )

    // An authorized client: the API hands back its apiUrl, the loopback server.
    up.reply({
      status: 200,
      body: {
        accountId: '4a8e87c6a4c1',
        authorizationToken: '4_0014a8e8-token',
        apiUrl: up.url,
        downloadUrl: up.url,
      },
    })
    const b2 = make()
    await authorizeAt(b2, up.url)

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: b2Error(429, 'too_many_requests', 'Too many requests'),
    })
    add(
      'the storage API answered 429 too_many_requests with Retry-After: 7 to b2_list_buckets (kept in ' +
        'response.headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => b2.getBucket({ bucketName: 'avatars' })),
      429,
    )

    up.reply({ status: 500, body: b2Error(500, 'internal_error', 'incident id 8a2b21a0c9b3-3c7e2c9e26b4') })
    add(
      'the storage API answered 500 internal_error to b2_list_file_names',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => b2.listFileNames({ bucketId: BUCKET, maxFileCount: 10 })),
      500,
    )

    const upload = (data = Buffer.from('%PDF-1.4 contract')) =>
      b2.uploadFile({
        uploadUrl: `${up.url}/b2api/v2/b2_upload_file/${BUCKET}/c001_v0001`,
        uploadAuthToken: '2_upload-token',
        fileName: 'contracts/42.pdf',
        data,
      })

    up.reply({ status: 400, body: b2Error(400, 'bad_request', 'Sha1 did not match data received') })
    add(
      'the upload URL answered 400 bad_request "Sha1 did not match data received" to the file our server sent',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => upload()),
      400,
    )

    up.reply({
      status: 403,
      body: b2Error(403, 'cap_exceeded', 'Cannot upload files, storage cap exceeded.'),
    })
    add(
      'the upload URL answered 403 cap_exceeded (our account storage cap is reached)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => upload()),
      403,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: b2Error(503, 'service_unavailable', 'c001_v0001 is too busy'),
    })
    add(
      'the upload URL answered 503 service_unavailable "too busy" with Retry-After: 7 (kept in response.headers)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => upload()),
      503,
    )

    add(
      'b2_get_upload_url was called before authorize(); the SDK throws "Invalid authorizationToken" before any request',
      'our misuse of the SDK: 500',
      { status: 500 },
      await rejectionOf(() => make().getUploadUrl({ bucketId: BUCKET })),
    )

    add(
      'authorize() with an application key read from an unset environment variable; the SDK throws ' +
        '"Invalid applicationKey"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        authorizeAt(new B2({ applicationKeyId: '0014a8e87c6a4c1000000001', applicationKey: '' }), up.url),
      ),
    )

    up.reply('hang')
    add(
      "axios's own 250 ms timeout (the client's axios option) fired on a storage API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => authorizeAt(make(250), up.url)),
    )

    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(async () => authorizeAt(make(), `http://127.0.0.1:${await closedPort()}`)),
    )
    return cases
  } finally {
    await up.close()
  }
}
