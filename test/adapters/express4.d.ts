// Express 4 is installed under the alias `express4`; its API matches @types/express for what the tests use.
declare module 'express4' {
  import express from 'express'
  export default express
}
