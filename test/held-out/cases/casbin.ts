import { type Enforcer, newEnforcer, newModelFromString, StringAdapter } from 'casbin'
import express from 'express'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'casbin'

const MODEL = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.sub == p.sub && keyMatch2(r.obj, p.obj) && r.act == p.act
`
const POLICY = 'p, alice, /invoices/:id, GET\np, bob, /invoices/:id, DELETE\n'

const model = (text: string) => newModelFromString(text)

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const why = 'our authorization model / policy / call is broken, not the client: 500'

  add(
    'newEnforcer on a model text without a [matchers] section (startup)',
    why,
    { status: 500 },
    await rejectionOf(() =>
      newEnforcer(model(MODEL.split('[matchers]')[0] ?? ''), new StringAdapter(POLICY)),
    ),
  )
  add(
    'newModelFromString on a model whose section header is not closed ("parse the content error")',
    why,
    { status: 500 },
    await rejectionOf(() => model('[request_definition]\nr = sub, obj\n[policy_definition\np = sub')),
  )
  add(
    'newEnforcer given model and policy file paths that do not exist (ENOENT of our deployment)',
    why,
    { status: 500 },
    await rejectionOf(() => newEnforcer('/srv/authz/model.conf', '/srv/authz/policy.csv')),
  )

  // An Express authorization middleware in front of the routes, as casbin's users write it.
  const enforcers: Record<string, Enforcer> = {
    arity: await newEnforcer(model(MODEL), new StringAdapter(POLICY)),
    syntax: await newEnforcer(
      model(MODEL.replace('r.act == p.act', 'r.act == p.act &&')),
      new StringAdapter(POLICY),
    ),
    abac: await newEnforcer(
      model(MODEL.replace('r.sub == p.sub', 'r.sub.Tenant == p.sub')),
      new StringAdapter(POLICY),
    ),
  }
  const app = express()
  app.use('/:variant', async (req, res, next) => {
    const enforcer = enforcers[req.params.variant ?? ''] ?? enforcers.arity
    const user = req.get('x-user')
    const allowed =
      req.params.variant === 'arity'
        ? await enforcer?.enforce(user, req.path) // forgot the action
        : await enforcer?.enforce(req.params.variant === 'abac' ? undefined : user, req.path, req.method)
    if (!allowed) {
      res.status(403).end()
      return
    }
    next()
  })
  const server = await serveErrors(app)
  try {
    add(
      'Express authz middleware calls enforcer.enforce(sub, obj) without the act the model requires ("invalid ' +
        'request size")',
      why,
      { status: 500 },
      await server.rejection('/arity/invoices/42', { headers: { 'x-user': 'alice' } }),
    )
    add(
      "Express authz middleware: the model's matcher ends with a dangling && (expression parse error at enforce time)",
      why,
      { status: 500 },
      await server.rejection('/syntax/invoices/42', { headers: { 'x-user': 'alice' } }),
    )
    add(
      'Express authz middleware: an ABAC matcher reads r.sub.Tenant but the middleware passed no subject ' +
        '(TypeError inside the matcher)',
      why,
      { status: 500 },
      await server.rejection('/abac/invoices/42'),
    )
  } finally {
    await server.close()
  }
  return cases
}
