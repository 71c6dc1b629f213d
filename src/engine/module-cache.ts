import type { ModuleSpec } from '../plan/module-spec.js'
import type { ModuleResult } from '../pool/module-result.js'
import type { CacheOutcome } from './build-outcome.js'

/** The compile cache as the build sees it: a hit puts the module in place; a built module is stored. */
export interface ModuleCache {
  lookup(spec: ModuleSpec): Promise<ModuleResult | undefined>
  save(result: ModuleResult): Promise<void>
  summary(): CacheOutcome
}
