import type { ModuleSpec } from './module-spec.js'

/**
 * Longest modules first, so the slowest one never starts last and leaves the other slots idle at the end.
 * A module's time is the duration the previous build recorded, or else an estimate from the source size.
 */
export function scheduleLongestFirst(modules: ModuleSpec[], recordedMs: Record<string, number>): ModuleSpec[] {
  // Each cost once (a sort makes some 10^4 comparisons); ICU's collator (10-30 ms to start) only for a tie.
  const costs = predictCosts(modules, recordedMs)
  let byName: Intl.Collator | undefined
  const tie = (a: string, b: string): number => (byName ??= new Intl.Collator()).compare(a, b) // = a.localeCompare(b)
  return [...modules].sort((a, b) => (costs.get(b) as number) - (costs.get(a) as number) || tie(a.name, b.name))
}

/** Each module's predicted build time: the recorded duration, else its size at the recorded ms per byte (C++ twice). */
export function predictCosts(modules: ModuleSpec[], recordedMs: Record<string, number>): Map<ModuleSpec, number> {
  const scale = msPerByte(modules, recordedMs)
  return new Map(modules.map(m => [m, recordedMs[m.name] ?? m.size * scale * (m.language === 'c++' ? 2 : 1)]))
}

/** Milliseconds per source byte learnt from the recorded modules, so estimates and records are comparable. */
function msPerByte(modules: ModuleSpec[], recordedMs: Record<string, number>): number {
  let ms = 0
  let bytes = 0
  for (const m of modules) {
    if (recordedMs[m.name] !== undefined && m.size > 0) {
      ms += recordedMs[m.name]
      bytes += m.size
    }
  }
  return bytes > 0 ? ms / bytes : 1
}
