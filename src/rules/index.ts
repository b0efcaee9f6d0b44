import type { Rule } from '../types.js'
import { authRule } from './auth.js'
import { carrierRule } from './carrier.js'
import { cloudRule } from './cloud.js'
import { fetchRule } from './fetch.js'
import { httpTriageRule } from './http-triage.js'
import { mongoRule } from './mongo.js'
import { mysqlRule } from './mysql.js'
import { nodeSystemRule } from './node-system.js'
import { oauthRule } from './oauth.js'
import { ormRule } from './orm.js'
import { outboundRule } from './outbound.js'
import { postgresRule } from './postgres.js'
import { prismaRule } from './prisma.js'
import { redisRule } from './redis.js'
import { requestParsingRule } from './request-parsing.js'
import { resilienceRule } from './resilience.js'
import { rpcRule } from './rpc.js'
import { runtimeRule } from './runtime.js'
import { sqlMessageRule } from './sql-message.js'
import { sqliteRule } from './sqlite.js'
import { statusRule } from './status.js'
import { transientRule } from './transient.js'
import { upstreamRule } from './upstream.js'
import { validationRule } from './validation.js'
import { validationShapeRule } from './validation-shape.js'
import { websocketRule } from './websocket.js'
import { wrapperRule } from './wrapper.js'

/**
 * The built-in rules, in order: for each value of the cause chain the first rule that matches
 * decides. Upstream clients and SDKs come first, then any error with evidence of an outbound call
 * (`outbound`), because they carry the upstream's status where a generic reader looks; validation
 * comes before the status rule because Fastify's validation error carries 400; library-specific
 * rules come before the generic fetch and system-code rules; `transient` (timeouts, refusals and
 * resets by meaning) comes last.
 */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  httpTriageRule,
  upstreamRule,
  cloudRule,
  rpcRule,
  websocketRule,
  outboundRule,
  validationRule,
  requestParsingRule,
  resilienceRule,
  statusRule,
  carrierRule,
  authRule,
  oauthRule,
  postgresRule,
  mysqlRule,
  sqliteRule,
  prismaRule,
  mongoRule,
  ormRule,
  sqlMessageRule,
  validationShapeRule,
  redisRule,
  runtimeRule,
  fetchRule,
  nodeSystemRule,
  transientRule,
  wrapperRule,
])
