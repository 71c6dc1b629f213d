import type { ModuleSpec } from '../plan/module-spec.js'
import { predictCosts } from '../plan/schedule.js'
import { type Shard, splitIntoShards } from '../plan/shard.js'
import type { ShardRequest } from '../settings/parse-inputs.js'
import type { BuildLog } from './build-log.js'

/** Which part of the split this job builds, and the whole split (every shard computes the same one). */
export interface ShardSelection {
  index: number
  count: number
  /** What the predicted times rest on: durations recorded by earlier builds, source sizes, or both. */
  basis: 'recorded' | 'size' | 'mixed'
  /** The unit of each shard's `predicted`: milliseconds, or source bytes when no duration is recorded yet. */
  unit: 'ms' | 'bytes'
  shards: Shard[]
}

/**
 * The split for a `part` request. A module the store already holds costs 0: it is restored, not built, so it must not
 * weigh on its shard. Every input here (names, sizes, recorded durations, store contents) is the same in every shard
 * that restored the same store, so every shard computes the same split.
 */
export async function selectShard(
  modules: ModuleSpec[],
  request: Extract<ShardRequest, { kind: 'part' }>,
  recordedMs: Record<string, number>,
  isCached: (spec: ModuleSpec) => Promise<boolean>,
): Promise<ShardSelection> {
  const costs = predictCosts(modules, recordedMs)
  const cached = await Promise.all(modules.map(isCached))
  const items = modules.map((m, i) => ({ name: m.name, cost: cached[i] ? 0 : (costs.get(m) as number) }))
  const basis = costBasis(modules, recordedMs)
  return {
    index: request.index,
    count: request.count,
    basis,
    unit: basis === 'size' ? 'bytes' : 'ms',
    shards: splitIntoShards(items, request.count),
  }
}

/** The planned modules this shard builds, in the plan's (longest-first) order. */
export function modulesOfShard(modules: ModuleSpec[], selection: ShardSelection): ModuleSpec[] {
  const mine = new Set(selection.shards[selection.index - 1].modules)
  return modules.filter(m => mine.has(m.name))
}

/** `Shard 2/3: 5 of 14 modules ...`, then the predicted time of every shard, then this shard's modules. */
export function logShard(log: BuildLog, selection: ShardSelection, total: number): void {
  const mine = selection.shards[selection.index - 1]
  const sum = selection.shards.reduce((s, shard) => s + shard.predicted, 0)
  const amount = (ms: number): string =>
    selection.basis === 'size' ? `${percent(ms, sum)} of the work by source size` : `predicted ${seconds(ms)}`
  log.info(`Shard ${selection.index}/${selection.count}: ${mine.modules.length} of ${total} modules, ${amount(mine.predicted)}`)
  log.info(
    `Split (${describeBasis(selection.basis)}): ${selection.shards.map(s => `shard ${s.index} ${s.modules.length} modules, ${amount(s.predicted)}`).join('; ')}`,
  )
  // Names come from file names: escaped, so a name holding a line break cannot start a line of its own.
  log.info(`Shard ${selection.index} builds: ${mine.modules.map(name => JSON.stringify(name).slice(1, -1)).join(', ') || '(nothing)'}`)
}

function costBasis(modules: ModuleSpec[], recordedMs: Record<string, number>): ShardSelection['basis'] {
  const recorded = modules.filter(m => recordedMs[m.name] !== undefined).length
  return recorded === 0 ? 'size' : recorded === modules.length ? 'recorded' : 'mixed'
}

function describeBasis(basis: ShardSelection['basis']): string {
  if (basis === 'recorded') return 'by the durations recorded in the store'
  if (basis === 'mixed') return 'recorded durations, source size where none is recorded'
  return 'no recorded durations yet: by source size'
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

function percent(part: number, whole: number): string {
  return `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`
}
