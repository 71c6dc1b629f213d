import * as core from '@actions/core'

import type { Diagnostic } from '../diagnostics/diagnostic.js'
import type { BuildOutcome } from '../engine/build-outcome.js'
import type { ModuleResult } from '../pool/module-result.js'
import { annotationProperties, rankAnnotations } from './annotations.js'

export interface AnnotationCounts {
  errors: number
  warnings: number
  omittedErrors: number
  omittedWarnings: number
}

/** Errors and warnings on the failing lines, ranked because GitHub shows only 10 of each per step. */
export function emitAnnotations(
  outcome: BuildOutcome,
  repoRoot = process.env.GITHUB_WORKSPACE || outcome.workingDirectory,
): AnnotationCounts {
  const failed = outcome.results
    .filter(r => r.status === 'failed' && !r.module.optional)
    .sort((a, b) => a.module.source.localeCompare(b.module.source))
  const failures = failed.map(r => ({ source: r.module.source, diagnostics: errorsOrReason(r) }))
  // A warning on a line of generated C that maps to no .pyx line is Cython's business, not the user's.
  const generated = new Set(outcome.results.filter(r => r.module.kind === 'cython').map(r => r.module.generated))
  // An optional module's failure leaves the step green: its first error is a warning, first among the warnings.
  const optional = outcome.results.filter(r => r.status === 'failed' && r.module.optional).map(optionalFailure)
  const warnings = [
    ...optional,
    ...outcome.results.flatMap(r => r.diagnostics.filter(d => d.severity === 'warning' && !generated.has(d.file))),
  ]
  const ranked = rankAnnotations(failures, warnings)
  const paths = { workingDir: outcome.workingDirectory, repoRoot }
  for (const d of ranked.errors) {
    const a = annotationProperties(d, paths)
    core.error(a.message, a.properties)
  }
  for (const d of ranked.warnings) {
    const a = annotationProperties(d, paths)
    core.warning(a.message, a.properties)
  }
  return {
    errors: ranked.errors.length,
    warnings: ranked.warnings.length,
    omittedErrors: ranked.omittedErrors,
    omittedWarnings: ranked.omittedWarnings,
  }
}

/** A module that failed without a parsable error (killed, timed out, not startable) still gets one, on its source. */
function errorsOrReason(r: ModuleResult): Diagnostic[] {
  const errors = r.diagnostics.filter(d => d.severity === 'error')
  if (errors.length > 0) return errors
  const tool = r.phase === 'cython' ? 'cython' : r.phase === 'link' ? 'linker' : 'gcc'
  return [{ file: r.module.source, line: 1, severity: 'error', message: `${r.module.name}: ${r.reason ?? 'failed'}`, tool }]
}

function optionalFailure(r: ModuleResult): Diagnostic {
  const first = errorsOrReason(r)[0]
  return {
    ...first,
    severity: 'warning',
    message: `optional module ${r.module.name} failed (${r.reason ?? 'failed'}), the build goes on without it: ${first.message}`,
  }
}
