import type { Diagnostic } from '../diagnostics/diagnostic.js'
import type { ModuleSpec } from '../plan/module-spec.js'

export type Phase = 'cython' | 'compile' | 'link'
export type ModuleStatus = 'built' | 'cached' | 'failed' | 'cancelled' | 'skipped'

/** How one module ended. `reason` is the plain-words cause of a failure, e.g. `killed by SIGKILL: out of memory?`. */
export interface ModuleResult {
  module: ModuleSpec
  status: ModuleStatus
  /** The phase that failed (or was running when cancelled). */
  phase?: Phase
  exitCode?: number | null
  signal?: string | null
  reason?: string
  durations: Partial<Record<Phase, number>> & { total: number }
  /** The module's captured output: Cython's, then each compiler and linker run, in order. */
  output: string
  /** The Cython, compiler and linker command lines this module ran, in order (`cython` runs in-process). */
  commands?: string[][]
  diagnostics: Diagnostic[]
}
