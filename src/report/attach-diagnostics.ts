import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ModuleResult } from '../pool/module-result.js'
import { mapDiagnostics } from './generated-source-map.js'
import { parseDiagnostics } from './parse-diagnostics.js'
import { bundledIncludeOrigins } from './bundled-includes.js'

/** Parses a finished module's output; C errors in Cython's generated code are moved to the `.pyx` line. */
export function attachDiagnostics(result: ModuleResult, workingDirectory: string): ModuleResult {
  if (result.output.trim() === '') return result
  const readGenerated = (file: string): string | undefined => {
    try {
      return fs.readFileSync(path.resolve(workingDirectory, file), 'utf8')
    } catch {
      return undefined
    }
  }
  const mapped = mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source })
  const source = result.module.kind === 'cython' ? readGenerated(result.module.source) : undefined
  // First: the module's own line that led into Cython's bundled includes, and the fix when it is C++ built as C.
  const origins = source === undefined ? [] : bundledIncludeOrigins(result.module.source, result.module.language, source, mapped, result.status === 'failed')
  result.diagnostics = [...origins, ...mapped]
  return result
}
