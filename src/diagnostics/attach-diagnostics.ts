import * as fs from 'node:fs'
import * as path from 'node:path'

import { bundledIncludeOrigins } from './bundled-includes.js'
import type { Diagnostic } from './diagnostic.js'
import { mapDiagnostics } from './generated-source-map.js'
import { parseDiagnostics } from './parse-diagnostics.js'

/** What attaching needs of a finished module: its captured output and its source (a pool result has both). */
export interface DiagnosableResult {
  module: { source: string; kind?: 'cython' | 'c'; language?: 'c' | 'c++' }
  status?: string
  output: string
  diagnostics: Diagnostic[]
}

/**
 * The result with its output parsed into diagnostics; C errors in Cython's generated code are moved to the `.pyx`
 * line. Returns a new result: the one given is left as it was.
 */
export function attachDiagnostics<R extends DiagnosableResult>(result: R, workingDirectory: string): R {
  if (result.output.trim() === '') return result
  const readGenerated = (file: string): string | undefined => {
    try {
      return fs.readFileSync(path.resolve(workingDirectory, file), 'utf8')
    } catch {
      return undefined
    }
  }
  const mapped = mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source })
  const { module } = result
  const source = module.kind === 'cython' ? readGenerated(module.source) : undefined
  // First: the module's own line that led into Cython's bundled includes, and the fix when it is C++ built as C.
  const origins =
    source === undefined ? [] : bundledIncludeOrigins(module.source, module.language ?? 'c', source, mapped, result.status === 'failed')
  return { ...result, diagnostics: [...origins, ...mapped] }
}
