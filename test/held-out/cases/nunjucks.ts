import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nunjucks from 'nunjucks'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'nunjucks'

/** Renders through the callback API, as an Express view engine does. */
function render(env: nunjucks.Environment, name: string, context: object): Promise<string> {
  return new Promise((resolve, reject) =>
    env.render(name, context, (err, out) => (err ? reject(err) : resolve(out ?? ''))),
  )
}

// nunjucks: renders the server's OWN views from a templates directory at request time. Its errors
// are `Error`s named "Template render error" (a wrapped lib.TemplateError) whose message carries the
// template path and the original error's text; a missing top-level template is a plain `Error`.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-nunjucks-'))
  const cases: HeldOutCase[] = []
  try {
    writeFileSync(join(dir, 'order.njk'), '<h1>Order {{ order.id }}</h1>{% include "partials/footer.njk" %}')
    writeFileSync(join(dir, 'cart.njk'), '<ul>{% for item in cart.items %}<li>{{ item.name }}</li></ul>')
    writeFileSync(join(dir, 'receipt.njk'), '<p>Sent to {{ customer.email }}</p>')
    writeFileSync(join(dir, 'refund.njk'), '<p>Refund: {{ order.refund | money }}</p>')
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { throwOnUndefined: true })
    env.addFilter('money', (value: number) => {
      if (value < 0) throw new RangeError(`money: negative amount ${value}`)
      return value.toFixed(2)
    })
    const context = {
      order: { id: 7, total: 12.5, refund: -3 },
      cart: { items: [] },
      customer: { name: 'Ada' },
    }
    cases.push({
      library,
      what: 'our order.njk includes partials/footer.njk, which is missing from the deploy: Error name "Template render error", "(…/order.njk) … Error: template not found: partials/footer.njk"',
      why: 'everything else: a missing include of our own, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => render(env, 'order.njk', context)),
    })
    cases.push({
      library,
      what: 'our cart.njk has a {% for %} without {% endfor %}: Error name "Template render error", "(…/cart.njk) … unexpected end of file"',
      why: 'everything else: a syntax error in our own template, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => render(env, 'cart.njk', context)),
    })
    cases.push({
      library,
      what: 'our receipt.njk prints customer.email, absent from our view model, with throwOnUndefined: Error name "Template render error", "attempted to output null or undefined value"',
      why: 'everything else: our template and our view model disagree (strict mode), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => render(env, 'receipt.njk', context)),
    })
    cases.push({
      library,
      what: 'our "money" filter throws on a negative refund: Error name "Template render error", "RangeError: money: negative amount -3" (the RangeError is wrapped)',
      why: 'everything else: a filter that throws is our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => render(env, 'refund.njk', context)),
    })
    cases.push({
      library,
      what: 'our route renders a view name with a typo, "ordr.njk": plain Error "template not found: ordr.njk"',
      why: 'everything else: a missing template of our own (never 404), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => render(env, 'ordr.njk', context)),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
