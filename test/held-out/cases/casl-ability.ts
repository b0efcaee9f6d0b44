import { AbilityBuilder, createMongoAbility, ForbiddenError, type RawRuleOf, subject } from '@casl/ability'
import type { Collect, HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = '@casl/ability'

type AppAbility = ReturnType<typeof createMongoAbility>

interface Article {
  id: string
  authorId: string
  published: boolean
  title: string
}

const articles = new Map<string, Article>([
  ['a1', { id: 'a1', authorId: 'u1', published: true, title: 'Hello' }],
  ['a2', { id: 'a2', authorId: 'u2', published: true, title: 'Other' }],
  ['a3', { id: 'a3', authorId: 'u2', published: false, title: 'Draft' }],
])

/** Abilities by role, as the app defines them in code. */
function abilityFor(user: string | undefined): AppAbility {
  const { can, cannot, build } = new AbilityBuilder(createMongoAbility)
  if (user !== undefined) {
    can('read', 'Article', { published: true })
    can('read', 'Article', { authorId: user })
    can('update', 'Article', ['title'], { authorId: user })
    cannot('delete', 'Article').because('only editors may delete articles')
  }
  return build()
}

/** Rules stored per tenant in the database (as CASL recommends for dynamic permissions). */
const storedRules: Record<string, RawRuleOf<AppAbility>[]> = {
  // an admin typed a broken pattern into the rules editor
  acme: [{ action: 'read', subject: 'Article', conditions: { title: { $regex: '(draft' } } }],
  // a migration wrote a rule with no fields left
  globex: [{ action: 'update', subject: 'Article', fields: [] }],
  // $in saved as a string instead of a list
  initech: [{ action: 'read', subject: 'Article', conditions: { authorId: { $in: 'u1,u2' } } }],
}

export const collect: Collect = async () => {
  const server = await handlerServer((request) => {
    const user = request.headers['x-user'] as string | undefined
    const tenant = request.headers['x-tenant'] as string | undefined
    const ability = tenant ? createMongoAbility(storedRules[tenant] ?? []) : abilityFor(user)
    const id = request.path.split('/')[2] ?? ''
    const article = articles.get(id)
    if (article === undefined) return { list: [...articles.keys()] }
    const it = subject('Article', { ...article })
    if (request.method === 'GET') {
      const fields = request.query.get('fields')
      // our bug: the field list is passed as an array where CASL takes one field
      if (fields) ForbiddenError.from(ability).throwUnlessCan('read', it, fields.split(',') as never)
      ForbiddenError.from(ability).throwUnlessCan('read', it)
      return article
    }
    if (request.method === 'PATCH') {
      const body = JSON.parse(request.text) as Record<string, unknown>
      for (const field of Object.keys(body)) ForbiddenError.from(ability).throwUnlessCan('update', it, field)
      return { ...article, ...body }
    }
    if (request.method === 'DELETE') {
      ForbiddenError.from(ability).throwUnlessCan('delete', it)
      return { deleted: id }
    }
    return null
  })
  const patch = (user: string, body: unknown): RequestInit => ({
    method: 'PATCH',
    headers: { 'x-user': user, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'PATCH /articles/a2 (another author\'s article) by u1: ForbiddenError \'Cannot execute "update" on "Article"\'',
        why: 'forbidden: 403',
        expect: { status: 403 },
        error: await server.caught('/articles/a2', patch('u1', { title: 'mine now' })),
      },
      {
        library,
        what: "PATCH /articles/a1 setting `published` (only `title` is granted): ForbiddenError with field 'published'",
        why: 'forbidden: 403',
        expect: { status: 403 },
        error: await server.caught('/articles/a1', patch('u1', { published: false })),
      },
      {
        library,
        what: "DELETE /articles/a1 by its author: an inverted rule with because(): ForbiddenError 'only editors may delete articles'",
        why: 'forbidden: 403',
        expect: { status: 403 },
        error: await server.caught('/articles/a1', { method: 'DELETE', headers: { 'x-user': 'u1' } }),
      },
      {
        library,
        what: 'GET /articles/a3 (someone else\'s unpublished draft) by u1: ForbiddenError \'Cannot execute "read" on "Article"\'',
        why: 'forbidden: 403',
        expect: { status: 403 },
        error: await server.caught('/articles/a3', { headers: { 'x-user': 'u1' } }),
      },
      {
        library,
        what: 'GET /articles/a1 with no user (an empty ability): ForbiddenError for read',
        why: 'forbidden: 403 (no credentials are checked by CASL; the ability simply grants nothing)',
        expect: { status: 403 },
        error: await server.caught('/articles/a1'),
      },
      {
        library,
        what: "GET /articles/a1?fields=title,id: our code passes an array as CASL's field argument (Error 'The 3rd, `field` parameter is expected to be a string')",
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await server.caught('/articles/a1?fields=title,id', { headers: { 'x-user': 'u1' } }),
      },
      {
        library,
        what: "GET /articles/a1 for a tenant whose stored rule has $regex '(draft' (SyntaxError 'Invalid regular expression: /(draft/: Unterminated group' while CASL builds the matcher)",
        why: 'our misconfiguration (stored rules): 500',
        expect: { status: 500 },
        error: await server.caught('/articles/a1', { headers: { 'x-tenant': 'acme' } }),
      },
      {
        library,
        what: "PATCH /articles/a1 for a tenant whose stored rule has `fields: []` (Error 'The `rawRule.fields` array cannot be empty')",
        why: 'our misconfiguration (stored rules): 500',
        expect: { status: 500 },
        error: await server.caught('/articles/a1', {
          method: 'PATCH',
          headers: { 'x-tenant': 'globex', 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'x' }),
        }),
      },
      {
        library,
        what: "GET /articles/a1 for a tenant whose stored rule has `$in: 'u1,u2'` (Error '\"in\" expects value to be an array', from the rule's condition parser)",
        why: 'our misconfiguration (stored rules): 500',
        expect: { status: 500 },
        error: await server.caught('/articles/a1', { headers: { 'x-tenant': 'initech' } }),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}
