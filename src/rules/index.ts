import type { Rule } from '../types.js'
import { authRule } from './auth.js'
import { cloudRule } from './cloud.js'
import { fetchRule } from './fetch.js'
import { httpTriageRule } from './http-triage.js'
import { mongoRule } from './mongo.js'
import { mysqlRule } from './mysql.js'
import { nodeSystemRule } from './node-system.js'
import { ormRule } from './orm.js'
import { postgresRule } from './postgres.js'
import { prismaRule } from './prisma.js'
import { redisRule } from './redis.js'
import { requestParsingRule } from './request-parsing.js'
import { resilienceRule } from './resilience.js'
import { runtimeRule } from './runtime.js'
import { sqliteRule } from './sqlite.js'
import { statusRule } from './status.js'
import { upstreamRule } from './upstream.js'
import { validationRule } from './validation.js'

/**
 * The built-in rules, in order: for each value of the cause chain the first rule that matches
 * decides. Upstream clients and SDKs come first because they carry the upstream's status where a
 * generic reader looks; validation comes before the status rule because Fastify's validation error
 * carries 400; library-specific rules come before the generic fetch and system-code rules.
 */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  httpTriageRule,
  upstreamRule,
  cloudRule,
  validationRule,
  requestParsingRule,
  resilienceRule,
  statusRule,
  authRule,
  postgresRule,
  mysqlRule,
  sqliteRule,
  prismaRule,
  mongoRule,
  ormRule,
  redisRule,
  runtimeRule,
  fetchRule,
  nodeSystemRule,
])
