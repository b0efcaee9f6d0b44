// bookshelf 1.2 ships no types; the collector uses only a few calls of its API.
declare module 'bookshelf' {
  const bookshelf: (knex: unknown) => any
  export default bookshelf
}
