// npm run docs:table — writes docs/classification.md from the built package's rules.
import { writeFileSync } from 'node:fs'
import { createClassifier, DEFAULT_RULES } from '../dist/index.js'
import { renderClassificationTable } from './classification-table.mjs'

const target = new URL('../docs/classification.md', import.meta.url)
writeFileSync(target, renderClassificationTable(DEFAULT_RULES, createClassifier))
console.log(`wrote ${target.pathname}`)
