// body-parser-xml ships no types: it adds `xml` to the body-parser module it is given.
declare module 'body-parser-xml' {
  const bodyParserXml: (bodyParser: object) => void
  export default bodyParserXml
}
