import type { ModuleResult } from '../pool/module-result.js'

/**
 * The one line that fails the step:
 * `3 of 120 modules failed: pkg/a.pyx (cython, exit 1), pkg/b.pyx (C compile, exit 1), pkg/c.pyx (killed by SIGKILL: out of memory?)`
 */
export function failureLine(results: ModuleResult[], shown = 10): string | undefined {
  // An optional module's failure is a warning (setuptools' Extension(optional=True)): it never fails the build.
  const failed = results
    .filter(r => r.status === 'failed' && !r.module.optional)
    .sort((a, b) => a.module.source.localeCompare(b.module.source))
  if (failed.length === 0) return undefined
  const items = failed.slice(0, shown).map(r => `${r.module.source} (${shortReason(r)})`)
  const more = failed.length > shown ? `, and ${failed.length - shown} more` : ''
  const noun = results.length === 1 ? 'module' : 'modules'
  return `${failed.length} of ${results.length} ${noun} failed: ${items.join(', ')}${more}`
}

/** The module's reason in plain words, as the pool wrote it (`cython, exit 1`, `killed by SIGKILL: out of memory?`). */
export function shortReason(r: ModuleResult): string {
  return r.reason ?? 'failed'
}
