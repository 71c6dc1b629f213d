import type { ModuleResult } from '../pool/module-result.js'
import type { BuildSettings } from '../settings/settings.js'
import type { BuildLog } from './build-log.js'
import type { ModuleCache } from './module-cache.js'
import type { BuildPlan } from './prepare-build.js'

export interface OpenCache extends ModuleCache {
  /** Prunes unused entries, keeps the store under its size, records durations. */
  close(results: ModuleResult[]): Promise<void>
}

/** Placeholder until the content-keyed store lands: no cache. */
export async function openModuleCache(settings: BuildSettings, plan: BuildPlan, log: BuildLog): Promise<OpenCache | undefined> {
  void settings
  void plan
  void log
  return undefined
}

openModuleCache.recordedDurations = async (settings: BuildSettings): Promise<Record<string, number>> => {
  void settings
  return {}
}
