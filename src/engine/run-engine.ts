import type { HostFacts } from '../host/host-facts.js'
import type { ChildRegistry } from '../pool/process-tree.js'
import type { BuildSettings } from '../settings/settings.js'
import type { BuildLog } from './build-log.js'
import type { BuildOutcome } from './build-outcome.js'
import { executeBuild } from './execute-build.js'
import { openModuleCache } from './open-module-cache.js'
import { planToJson, prepareBuild } from './prepare-build.js'

export interface EngineOptions {
  log: BuildLog
  signal: AbortSignal
  registry?: ChildRegistry
  hostFacts?: Partial<HostFacts>
}

export type EngineResult = { kind: 'plan'; plan: object } | { kind: 'outcome'; outcome: BuildOutcome }

/** The one engine behind both faces: plan, then (unless a dry run) build through the compile cache. */
export async function runEngine(settings: BuildSettings, options: EngineOptions): Promise<EngineResult> {
  const recordedMs = await openModuleCache.recordedDurations(settings)
  const plan = await prepareBuild(settings, options.log, { hostFacts: options.hostFacts, recordedMs })
  if (settings.dryRun) return { kind: 'plan', plan: planToJson(plan) }
  const cache = await openModuleCache(settings, plan, options.log)
  const outcome = await executeBuild(plan, { signal: options.signal, log: options.log, registry: options.registry, cache })
  await cache?.close(outcome.results)
  return { kind: 'outcome', outcome }
}
