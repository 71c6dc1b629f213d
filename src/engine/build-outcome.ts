import type { HostFacts } from '../host/host-facts.js'
import type { ParallelismDecision } from '../plan/parallelism.js'
import type { ModuleResult } from '../pool/module-result.js'
import type { ProbedToolchain } from '../toolchain/probe-toolchain.js'
import type { ShardSelection } from './select-shard.js'

export interface CacheOutcome {
  enabled: boolean
  dir: string
  /** Modules taken from the store. */
  cached: number
  /** Entries found corrupt and rebuilt. */
  corrupt: number
  /** Modules built but not stored: an input changed while they were built. */
  unstored?: UnstoredModule[]
}

export interface UnstoredModule {
  module: string
  /** The input (as keyed: relative to the working directory) whose content changed during the build. */
  file: string
}

/** Everything a face needs to report a build: results per module, the parallelism decision, times. */
export interface BuildOutcome {
  results: ModuleResult[]
  decision: ParallelismDecision
  facts: HostFacts
  toolchain: ProbedToolchain
  workingDirectory: string
  startedAt: Date
  durationMs: number
  cancelled: boolean
  cache: CacheOutcome
  /** With `shard: I/N`: the split, and which part this job built. */
  shard?: ShardSelection
}

export interface BuildCounts {
  total: number
  built: number
  cached: number
  failed: number
  cancelled: number
  skipped: number
}

export function countResults(results: ModuleResult[]): BuildCounts {
  const count = (status: ModuleResult['status']): number => results.filter(r => r.status === status).length
  return {
    total: results.length,
    built: count('built'),
    cached: count('cached'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    skipped: count('skipped'),
  }
}
