import envVar from 'env-var'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'env-var'

// env-var: typed reads of environment variables. The server reads them lazily, inside the request
// handler that first needs them, so a missing or malformed variable surfaces at request time.
// Errors are EnvVarError instances (name EnvVarError, message "env-var: ...").
export const collect: Collect = async () => {
  const env = envVar.from({
    PORT: '80a',
    SMTP_TLS: 'sometimes',
    LOG_LEVEL: 'verbose',
    FEATURE_FLAGS: '{"beta": true,',
    PAYMENTS_URL: 'https://payments internal:8443',
    MAX_UPLOAD_MB: '-5',
  } as Record<string, string>)
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'the handler reads DATABASE_URL with .required(): EnvVarError \'env-var: "DATABASE_URL" is a required variable, but it was not set\'',
    why: 'everything else: our own misconfiguration (a required env var missing), 500',
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('DATABASE_URL').required().asUrlString()),
  })
  cases.push({
    library,
    what: 'PORT of the metrics sidecar is "80a": EnvVarError \'env-var: "PORT" should be a valid integer\'',
    why: 'everything else: a malformed env var in our configuration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('PORT').required().asPortNumber()),
  })
  cases.push({
    library,
    what: 'SMTP_TLS is "sometimes", read with asBool(): EnvVarError \'should be either "true", "false", "TRUE", "FALSE", 1, or 0\'',
    why: 'everything else: a malformed env var in our configuration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('SMTP_TLS').asBool()),
  })
  cases.push({
    library,
    what: 'LOG_LEVEL is "verbose", read with asEnum([debug, info, warn, error]): EnvVarError "should be one of [debug, info, warn, error]"',
    why: 'everything else: a malformed env var in our configuration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('LOG_LEVEL').asEnum(['debug', 'info', 'warn', 'error'])),
  })
  cases.push({
    library,
    what: 'FEATURE_FLAGS holds truncated JSON, read with asJsonObject(): EnvVarError "should be valid (parseable) JSON"',
    why: "everything else: a malformed env var in our configuration (not the client's JSON), 500",
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('FEATURE_FLAGS').asJsonObject()),
  })
  cases.push({
    library,
    what: 'PAYMENTS_URL has a space in the host, read with asUrlObject(): EnvVarError "should be a valid URL"',
    why: 'everything else: a malformed env var in our configuration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('PAYMENTS_URL').required().asUrlObject()),
  })
  cases.push({
    library,
    what: 'MAX_UPLOAD_MB is "-5", read with asIntPositive(): EnvVarError "should be a positive integer"',
    why: "everything else: a malformed env var in our configuration (not the client's upload), 500",
    expect: { status: 500 },
    error: await rejectionOf(() => env.get('MAX_UPLOAD_MB').asIntPositive()),
  })
  return cases
}
