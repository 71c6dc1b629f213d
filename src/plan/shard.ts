/**
 * Splitting one build over N matrix jobs. Every shard computes the split on its own, from the same inputs, and must
 * get the same answer as every other shard: so this is a pure function of (names, costs, N), with no locale
 * collation, no clock and no randomness.
 */
import { MAX_SHARDS } from '../settings/parse-inputs.js'

export interface ShardItem {
  name: string
  /** Predicted build time in ms (recorded, or estimated from size; 0 for a module the store already holds). */
  cost: number
}

export interface Shard {
  /** 1-based, as written in `I/N`. */
  index: number
  /** Module names in the order they were assigned (longest first). */
  modules: string[]
  /** The sum of its modules' costs. */
  predicted: number
}

/**
 * Longest-processing-time assignment: modules by cost, highest first (ties by name in code-point order), each to the
 * shard with the least predicted time so far (ties: the lowest index). LPT's makespan is within 4/3 of the optimum.
 */
export function splitIntoShards(items: ShardItem[], count: number): Shard[] {
  checkCount(count)
  const shards: Shard[] = Array.from({ length: count }, (_, i) => ({ index: i + 1, modules: [], predicted: 0 }))
  const order = [...items].sort((a, b) => b.cost - a.cost || compareNames(a.name, b.name))
  for (const item of order) {
    const target = shards.reduce((least, shard) => (shard.predicted < least.predicted ? shard : least))
    target.modules.push(item.name)
    target.predicted += item.cost
  }
  return shards
}

/** The predicted makespan of a split: its slowest shard. */
export function predictedMakespan(shards: Shard[]): number {
  return Math.max(0, ...shards.map(shard => shard.predicted))
}

/** The best any split can do: the work shared evenly, but never less than the longest single module. */
export function idealMakespan(items: ShardItem[], count: number): number {
  checkCount(count)
  const total = items.reduce((sum, item) => sum + item.cost, 0)
  return Math.max(total / count, ...items.map(item => item.cost), 0)
}

function checkCount(count: number): void {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_SHARDS)) {
    throw new Error(`Invalid shard count ${count}: expected a whole number from 1 to ${MAX_SHARDS}`)
  }
}

/** Code-point order: the same in every process and locale (a collator's order depends on ICU data). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
