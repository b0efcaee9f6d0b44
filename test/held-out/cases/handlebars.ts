import Handlebars from 'handlebars'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'handlebars'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// handlebars: renders the server's OWN page and e-mail templates at request time (compile is lazy:
// the first render parses). Its errors are `Exception`s: plain `Error`s with extra own properties
// (description, lineNumber, column …); a helper's own throw passes through unchanged.
export const collect: Collect = async () => {
  const hbs = Handlebars.create()
  hbs.registerHelper('money', (value: unknown) => {
    if (typeof value !== 'number') throw new TypeError(`money() expects a number, got ${typeof value}`)
    return value.toFixed(2)
  })
  const order = { id: 7, customer: { name: 'Ada' }, total: '12.50' }
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: "our order page template has an unclosed {{#if}} block, compiled on first render: Error \"Parse error on line 1: … Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'\"",
    why: 'everything else: a syntax error in our own template, 500',
    expect: { status: 500 },
    error: thrownBy(() =>
      hbs.compile('<h1>Order {{id}}</h1>{{#if customer}}<p>{{customer.name}}</p>')(order),
    ),
  })
  cases.push({
    library,
    what: 'our order page template includes a partial {{> order-footer}} that was never registered: Error "The partial order-footer could not be found"',
    why: 'everything else: a missing partial of our own, 500',
    expect: { status: 500 },
    error: thrownBy(() => hbs.compile('<h1>Order {{id}}</h1>{{> order-footer}}')(order)),
  })
  cases.push({
    library,
    what: 'our receipt template compiled with strict: true reads customer.email, which our view model lacks: Error "\\"email\\" not defined in [object Object] - 1:13"',
    why: 'everything else: our template and our view model disagree (strict mode), 500',
    expect: { status: 500 },
    error: thrownBy(() => hbs.compile('<p>Sent to {{customer.email}}</p>', { strict: true })(order)),
  })
  cases.push({
    library,
    what: 'our invoice template calls the helper {{formatDate}} that this process never registered: Error "Missing helper: \\"formatDate\\""',
    why: 'everything else: our own misconfiguration, 500',
    expect: { status: 500 },
    error: thrownBy(() => hbs.compile('<p>{{formatDate createdAt "YYYY-MM-DD"}}</p>')({ createdAt: 1 })),
  })
  cases.push({
    library,
    what: 'our {{money}} helper throws on the string total our view model passes: TypeError "money() expects a number, got string" (passes through handlebars unchanged)',
    why: 'everything else: a helper that throws is our own bug, 500',
    expect: { status: 500 },
    error: thrownBy(() => hbs.compile('<p>Total: {{money total}}</p>')(order)),
  })
  return cases
}
