import { family } from '../internal/family.js'
import {
  fromPointer,
  type Issues,
  joinPath,
  MAX_ISSUES,
  MAX_PATH_SEGMENTS,
  makeIssue,
  ownKeys,
  REDACTED_MESSAGE,
  unsafeKeys,
  validationVerdict,
} from '../internal/issues.js'
import {
  codeOf,
  get,
  getArray,
  getString,
  isObjectLike,
  messageOf,
  nameOf,
  toArray,
} from '../internal/safe.js'
import type { ValidationIssue } from '../types.js'

/** How deep class-validator's `children` are followed. */
const MAX_NESTING = 8

/** One validator: a name for `validation:<name>`, and the issues it reads, or `undefined` if not its error. */
interface Validator {
  readonly name: string
  readonly read: (value: unknown) => Issues | undefined
}

/**
 * Schema validation failures: 422 `VALIDATION_FAILED` with `details`, one `{ path, message, code }`
 * per issue (`items.0.qty`, never the rejected value). zod 3 and 4, joi, yup, valibot,
 * superstruct, ajv, class-validator, Fastify's `FST_ERR_VALIDATION` (although it carries 400),
 * Mongoose and Sequelize validation errors, NestJS `ValidationPipe` failures (their messages only:
 * Nest drops the paths), Elysia's schema failures (the first one: Elysia keeps one), and any
 * Standard Schema failure (`issues`).
 * `ValidationError` is the name in six libraries, so each is told apart by its own properties;
 * Sequelize's `SequelizeUniqueConstraintError` (a subclass) is a conflict and is not matched here.
 * A validator whose message says it checked our own options, configuration or environment is our
 * misconfiguration (`validation:configuration`, 500); otherwise a library can't tell whether the
 * data came from the client: tag upstream parsing failures yourself, or override `validation` (or
 * `validation:zod` …).
 */
export const validationRule = family({
  name: 'validation',
  triggers: {
    names: [
      'ZodError',
      '$ZodError',
      'ValiError',
      'StructError',
      'ValidationError',
      'SequelizeValidationError',
      'SequelizeBulkRecordError',
      'BadRequestException',
      'UnprocessableEntityException',
    ],
    keys: [
      'isJoi',
      'ajv',
      'issues',
      'inner',
      '_message',
      'children',
      'errors',
      'failures',
      'details',
      'messages',
      'error',
      'data',
    ],
    arrays: true,
    codes: ['FST_ERR_VALIDATION', 'VALIDATION'],
  },
  read(value) {
    for (let i = 0; i < VALIDATORS.length; i++) {
      const issues = (VALIDATORS[i] as Validator).read(value)
      if (issues) return validationVerdict(RULES[i] as string, issues, value)
    }
    return undefined
  },
  // Sequelize's bulkCreate({ validate: true }) throws an AggregateError of SequelizeBulkRecordError,
  // each carrying its ValidationError in a non-array `errors` (sequelize lib/errors/bulk-record-error.js).
  unwrap(value) {
    if (nameOf(value) !== 'SequelizeBulkRecordError') return undefined
    const inner = get(value, 'errors')
    return isObjectLike(inner) && !Array.isArray(inner) ? [inner] : undefined
  },
})

// zod 4 (colinhacks/zod packages/zod/src/v4/core/errors.ts) keeps `issues` non-enumerable, so it is
// read, never spread; zod 4 core/mini names its class `$ZodError`; zod 3 has `issues` too.
const zod: Validator = {
  name: 'zod',
  read(value) {
    const name = nameOf(value)
    if (name !== 'ZodError' && name !== '$ZodError') return undefined
    const issues = getArray(value, 'issues', MAX_ISSUES)
    if (!issues) return undefined
    return issues.map((issue) => {
      const code = getString(issue, 'code')
      // zod 3's enum message echoes the input ("received 'x'"); elsewhere `received` is a type name.
      const echoed =
        code === 'invalid_enum_value' ? [get(issue, 'input'), get(issue, 'received')] : [get(issue, 'input')]
      // `unrecognized_keys` names the client's unknown keys in its message.
      echoed.push(...unsafeKeys(get(issue, 'keys')))
      return makeIssue(joinPath(getArray(issue, 'path', MAX_PATH_SEGMENTS)), messageOf(issue), code, echoed)
    })
  },
}

// hapijs/joi lib/errors.js: an anonymous class whose prototype has `isJoi`; `details[]` with `type`.
const joi: Validator = {
  name: 'joi',
  read(value) {
    if (get(value, 'isJoi') !== true) return undefined
    const details = getArray(value, 'details', MAX_ISSUES)
    if (!details) return undefined
    return details.map((item) =>
      makeIssue(
        joinPath(getArray(item, 'path', MAX_PATH_SEGMENTS)),
        messageOf(item),
        getString(item, 'type'),
        // `object.unknown` names the client's key (`context.key`) in its message and path.
        [get(get(item, 'context'), 'value'), ...unsafeKeys(get(get(item, 'context'), 'key'))],
      ),
    )
  },
}

// jquense/yup src/ValidationError.ts: `inner[]` (one per failure with abortEarly: false, else empty),
// `errors[]` of strings, `path` like `items[0].qty`, `type` like `min`.
const yup: Validator = {
  name: 'yup',
  read(value) {
    if (nameOf(value) !== 'ValidationError' || get(value, 'isJoi') === true) return undefined
    const inner = getArray(value, 'inner', MAX_ISSUES)
    if (!inner || !Array.isArray(get(value, 'errors'))) return undefined
    const failures = inner.length > 0 ? inner : [value]
    return failures.map((failure) =>
      makeIssue(yupPath(getString(failure, 'path')), messageOf(failure), getString(failure, 'type'), [
        get(failure, 'value'),
        get(get(failure, 'params'), 'originalValue'),
      ]),
    )
  },
}

// fabian-hiller/valibot library/src/error/ValiError/ValiError.ts: `issues[]` with `type` and a
// `path` of `{ key }` items; messages say "received 0", so the `input` is checked for.
const valibot: Validator = {
  name: 'valibot',
  read(value) {
    if (nameOf(value) !== 'ValiError') return undefined
    const issues = getArray(value, 'issues', MAX_ISSUES)
    return issues?.map((issue) => standardIssue(issue, getString(issue, 'type')))
  },
}

// ianstormtaylor/superstruct src/error.ts: StructError extends TypeError. Its `failures()` would
// resume validation (and run user refinements), so only the first failure, on the error itself, is
// read. Its message is prefixed "At path: a.b -- ".
const superstruct: Validator = {
  name: 'superstruct',
  read(value) {
    if (nameOf(value) !== 'StructError' || typeof get(value, 'failures') !== 'function') return undefined
    const message = messageOf(value)?.replace(/^At path: [^\n]*? -- /, '')
    const code = getString(value, 'refinement') ?? getString(value, 'type')
    return [
      makeIssue(joinPath(getArray(value, 'path', MAX_PATH_SEGMENTS)), message, code, [get(value, 'value')]),
    ]
  },
}

// ajv-validator/ajv lib/runtime/validation_error.ts: `$async` schemas reject with an Error named
// 'Error' that has `ajv: true`, `validation: true` and ajv's `errors[]`.
const ajv: Validator = {
  name: 'ajv',
  read(value) {
    if (get(value, 'ajv') !== true || get(value, 'validation') !== true) return undefined
    return getArray(value, 'errors', MAX_ISSUES)?.map((error) => ajvIssue(error, []))
  },
}

// fastify/fastify lib/validation.js: `validation[]` (ajv errors, or a custom compiler's) and
// `validationContext` ('body', 'querystring', 'params', 'headers'), which prefixes each path.
const fastify: Validator = {
  name: 'fastify',
  read(value) {
    if (codeOf(value) !== 'FST_ERR_VALIDATION') return undefined
    const context = getString(value, 'validationContext')
    const prefix = context ? [context] : []
    return (getArray(value, 'validation', MAX_ISSUES) ?? []).map((error) => ajvIssue(error, prefix))
  },
}

// elysiajs/elysia src/error.ts: ValidationError (`code: 'VALIDATION'`, status 422) keeps the first
// failure as `valueError` (`path`, `message`, the rejected `value`) and where it was
// found as `type` (body, query, params, headers, cookie). Its message is a JSON dump of the schema
// and the whole rejected input, and its `all` getter runs the validation again: neither is read.
const elysia: Validator = {
  name: 'elysia',
  read(value) {
    if (codeOf(value) !== 'VALIDATION') return undefined
    const failure = get(value, 'valueError')
    // TypeBox gives a JSON Pointer; a Standard Schema validator (zod, valibot …) a list of keys.
    const pointer = getString(failure, 'path')
    const keys = pointer === undefined ? getArray(failure, 'path', MAX_PATH_SEGMENTS) : fromPointer(pointer)
    if (keys === undefined) return undefined
    const where = getString(value, 'type')
    const segments = [...(where ? [where] : []), ...keys]
    const message = getString(value, 'customError') ?? getString(failure, 'message')
    return [makeIssue(joinPath(segments), message, 'invalid', [get(failure, 'value')])]
  },
}

// typestack/class-validator src/validation/ValidationError.ts: validateOrReject rejects with an
// array of ValidationError objects (not Errors): `property`, `constraints{key: message}`, `children`.
const classValidator: Validator = {
  name: 'class-validator',
  read(value) {
    const items = toArray(value, MAX_ISSUES) ?? (isLoneClassValidatorError(value) ? [value] : undefined)
    if (!items || items.length === 0 || !items.every(isClassValidatorError)) return undefined
    const out: ValidationIssue[] = []
    for (const item of items) collectClassValidator(item, [], 0, out)
    return out
  },
}

// Automattic/mongoose lib/error/validation.js: `_message` and an `errors` map of path →
// ValidatorError | CastError. Their default messages repeat the value and name the model.
const mongoose: Validator = {
  name: 'mongoose',
  read(value) {
    if (nameOf(value) !== 'ValidationError' || getString(value, '_message') === undefined) return undefined
    const errors = get(value, 'errors')
    if (!isObjectLike(errors) || Array.isArray(errors)) return undefined
    return ownKeys(errors).map((key) => mongooseIssue(key, get(errors, key)))
  },
}

// sequelize lib/errors/validation-error.js: `errors[]` of ValidationErrorItem. Its subclass
// SequelizeUniqueConstraintError is a conflict, left to the ORM rule.
const sequelize: Validator = {
  name: 'sequelize',
  read(value) {
    if (nameOf(value) !== 'SequelizeValidationError') return undefined
    return getArray(value, 'errors', MAX_ISSUES)?.map(sequelizeIssue)
  },
}

// standard-schema/standard-schema packages/spec: a failure is `{ issues }`, each issue a
// `{ message, path? }` whose path items are keys or `{ key }`. Thrown as is, or wrapped (SchemaError).
const standardSchema: Validator = {
  name: 'standard-schema',
  read(value) {
    const issues = getArray(value, 'issues', MAX_ISSUES) ?? issuesInData(value)
    if (!issues || issues.length === 0 || !issues.every(isStandardIssue)) return undefined
    return issues.map((issue) => standardIssue(issue, getString(issue, 'code')))
  },
}

/**
 * A framework's HTTP error that carries a schema failure's issues in its `data`, as h3's
 * `readValidatedBody` does (`HTTPError` 400 "Validation failed", `data: { issues }`): only with a
 * 400 or 422 status, the statuses a framework gives a rejected input, and no code of its own. An
 * RPC framework's error names its answer in its code (oRPC's `BAD_REQUEST` with the same `data`):
 * that is the app's own choice, read by the framework's table.
 */
function issuesInData(value: unknown): unknown[] | undefined {
  const status = get(value, 'status') ?? get(value, 'statusCode')
  if ((status !== 400 && status !== 422) || codeOf(value) !== undefined) return undefined
  return getArray(get(value, 'data'), 'issues', MAX_ISSUES)
}

// nestjs/nest packages/common/pipes/validation.pipe.ts: ValidationPipe throws the HttpException of
// its `errorHttpStatusCode` (400 BadRequestException by default, or 422) whose response is
// `{ message: string[], error, statusCode }`: class-validator's messages, flattened, paths lost.
// A 400 or 422 HttpException (`getStatus()`, `getResponse()`) with such a list is that failure.
const nest: Validator = {
  name: 'nest',
  read(value) {
    if (typeof get(value, 'getStatus') !== 'function' || typeof get(value, 'getResponse') !== 'function') {
      return undefined
    }
    const status = get(value, 'status')
    if (status !== 400 && status !== 422) return undefined
    const messages = getArray(get(value, 'response'), 'message', MAX_ISSUES)
    if (!messages || messages.length === 0 || !messages.every((m) => typeof m === 'string')) return undefined
    return messages.map((message) => makeIssue('', message as string, 'invalid', []))
  },
}

/** Most specific first: the Standard Schema shape also fits zod and valibot. */
const VALIDATORS: readonly Validator[] = [
  nest,
  elysia,
  zod,
  joi,
  valibot,
  superstruct,
  ajv,
  fastify,
  mongoose,
  sequelize,
  yup,
  classValidator,
  standardSchema,
]

/** Each validator's rule name, made once (a name made per call is hashed on every template lookup). */
const RULES: readonly string[] = VALIDATORS.map((validator) => `validation:${validator.name}`)

function ajvIssue(error: unknown, prefix: readonly string[]): ValidationIssue {
  const keyword = getString(error, 'keyword')
  // ajv 8 (and Fastify 4/5) give a JSON Pointer; a custom validator compiler may give a `path` array.
  const pointer = getString(error, 'instancePath')
  const segments: unknown[] = [
    ...prefix,
    ...(pointer === undefined ? (getArray(error, 'path') ?? []) : fromPointer(pointer)),
  ]
  // ajv reports a missing or extra property on its parent object; the client wants the property.
  const params = get(error, 'params')
  const property =
    getString(params, 'missingProperty') ??
    getString(params, 'additionalProperty') ??
    getString(params, 'unevaluatedProperty')
  if (property !== undefined) segments.push(property)
  return makeIssue(joinPath(segments), messageOf(error), keyword ?? getString(error, 'code'), [
    get(error, 'data'),
  ])
}

function standardIssue(issue: unknown, code: string | undefined): ValidationIssue {
  return makeIssue(joinPath(getArray(issue, 'path', MAX_PATH_SEGMENTS)), messageOf(issue), code, [
    get(issue, 'input'),
  ])
}

function isStandardIssue(issue: unknown): boolean {
  if (!isObjectLike(issue) || messageOf(issue) === undefined) return false
  const path = get(issue, 'path')
  return path === undefined || Array.isArray(path)
}

function isClassValidatorError(item: unknown): boolean {
  if (!isObjectLike(item) || !Array.isArray(get(item, 'children'))) return false
  const property = get(item, 'property')
  return typeof property === 'string' || property === undefined
}

// `validate()` resolves with the array; some apps throw its first item.
function isLoneClassValidatorError(item: unknown): boolean {
  return (
    isClassValidatorError(item) &&
    typeof get(item, 'property') === 'string' &&
    isObjectLike(get(item, 'constraints'))
  )
}

function collectClassValidator(
  item: unknown,
  parent: readonly string[],
  depth: number,
  out: ValidationIssue[],
): void {
  if (out.length >= MAX_ISSUES) return
  const property = getString(item, 'property')
  const segments = property === undefined || property === '' ? parent : [...parent, property]
  const constraints = get(item, 'constraints')
  for (const key of isObjectLike(constraints) ? ownKeys(constraints) : []) {
    if (out.length >= MAX_ISSUES) return
    out.push(makeIssue(joinPath(segments), getString(constraints, key), key, [get(item, 'value')]))
  }
  if (depth >= MAX_NESTING) return
  for (const child of getArray(item, 'children', MAX_ISSUES) ?? [])
    collectClassValidator(child, segments, depth + 1, out)
}

function mongooseIssue(key: string, error: unknown): ValidationIssue {
  if (nameOf(error) === 'CastError') {
    // "Cast to Number failed for value "abc" (type string) at path "qty" for model "User"".
    const kind = getString(error, 'kind')
    const message =
      kind && /^[A-Za-z]{1,32}$/.test(kind) ? `Expected a value of type ${kind}.` : REDACTED_MESSAGE
    return { path: key, message, code: 'invalid_type' }
  }
  return makeIssue(key, messageOf(error), getString(error, 'kind'), [get(error, 'value')])
}

function sequelizeIssue(item: unknown): ValidationIssue {
  const code = getString(item, 'validatorKey') ?? getString(item, 'type')
  const path = getString(item, 'path') ?? ''
  // Sequelize writes CORE messages itself and names the model in them ("User.email cannot be null").
  if (getString(item, 'origin') === 'CORE') {
    return {
      path,
      message: code === 'is_null' ? 'Must not be null.' : REDACTED_MESSAGE,
      code: code ?? 'invalid',
    }
  }
  return makeIssue(path, messageOf(item), code, [get(item, 'value')])
}

/** yup's `items[0].qty` and `a["b c"]` as `items.0.qty` and `a.b c`. */
function yupPath(path: string | undefined): string {
  if (!path) return ''
  return path
    .slice(0, 1024)
    .replace(/\["((?:[^"\\]|\\.)*)"\]/g, '.$1')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
}
