// koa2 is Koa 2 installed under another name (npm:koa@^2), for the conformance suite; it has the
// API of Koa 3's types as far as the suite uses it.
declare module 'koa2' {
  import Koa from 'koa'
  export default Koa
}
