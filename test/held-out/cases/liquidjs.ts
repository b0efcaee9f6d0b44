import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Liquid } from 'liquidjs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'liquidjs'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// liquidjs: renders the server's OWN storefront views at request time, and also parses the e-mail
// templates that customers (clients) save through our API. Its errors are LiquidError subclasses
// (ParseError, RenderError, TokenizationError, UndefinedVariableError, AssertionError) with a
// `name`; a missing top-level file is a plain Error with code ENOENT.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-s-liquidjs-'))
  const cases: HeldOutCase[] = []
  try {
    writeFileSync(join(dir, 'product.liquid'), '<h1>{{ product.title }}</h1>{% render "reviews" %}')
    writeFileSync(join(dir, 'cart.liquid'), '{% if cart.items.size > 0 %}<p>{{ cart.items.size }} items</p>')
    writeFileSync(join(dir, 'checkout.liquid'), '<p>Ship to {{ shipping.address }}</p>')
    const liquid = new Liquid({ root: dir, extname: '.liquid', strictVariables: true, strictFilters: true })
    const context = { product: { title: 'Mug', price: 900 }, cart: { items: [1, 2] } }
    cases.push({
      library,
      what: 'our product.liquid renders the partial "reviews", missing from the deploy: RenderError "ENOENT: Failed to lookup \\"reviews\\" in \\"…\\", file:…/product.liquid, line:1, col:…"',
      why: 'everything else: a missing partial of our own, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => liquid.renderFile('product', context)),
    })
    cases.push({
      library,
      what: 'our cart.liquid has an {% if %} without {% endif %}: ParseError "tag {% if cart.items.size > 0 %} not closed, file:…/cart.liquid, line:1, col:1"',
      why: 'everything else: a syntax error in our own template, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => liquid.renderFile('cart', context)),
    })
    cases.push({
      library,
      what: 'our checkout.liquid reads shipping.address, absent from our view model, with strictVariables: UndefinedVariableError "undefined variable: shipping, line:1, col:15"',
      why: 'everything else: our template and our view model disagree (strict mode), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => liquid.renderFile('checkout', context)),
    })
    cases.push({
      library,
      what: 'our route renders a view name with a typo, "prodcut": plain Error "ENOENT: Failed to lookup \\"prodcut\\" in \\"…\\"", code ENOENT',
      why: 'everything else: a missing template of our own (never 404), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => liquid.renderFile('prodcut', context)),
    })
    // Client-supplied templates: a customer saves an e-mail template through our API; we parse it
    // (with a parse-length limit) before storing it.
    const customer = new Liquid({ parseLimit: 2000 })
    cases.push({
      library,
      what: 'a customer saves an e-mail template with an unknown tag {% frobnicate %} through our API: parse() ParseError "tag \\"frobnicate\\" not found, line:1, col:…"',
      why: "malformed request syntax: the client's template does not parse, 400 (ambiguous with 422)",
      expect: { status: 400 },
      error: thrownBy(() => customer.parse('<p>Hi {{ name }}</p>{% frobnicate %}')),
    })
    cases.push({
      library,
      what: 'a customer saves an e-mail template with an unclosed output tag "{{ name ": parse() TokenizationError "output \\"{{ name </p>\\" not closed, line:1, col:7"',
      why: "malformed request syntax: the client's template does not parse, 400 (ambiguous with 422)",
      expect: { status: 400 },
      error: thrownBy(() => customer.parse('<p>Hi {{ name </p>')),
    })
    cases.push({
      library,
      what: 'a customer saves an e-mail template of 3,400 characters, over our parseLimit of 2,000: parse() AssertionError "parse length limit exceeded"',
      why: 'size / type: the client content is over a size limit, 413',
      expect: { status: 413 },
      error: thrownBy(() => customer.parse('<p>{{ name }}</p>'.repeat(200))),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}
