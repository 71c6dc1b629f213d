import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ModuleResult } from '../pool/module-result.js'
import { mapDiagnostics } from './generated-source-map.js'
import { parseDiagnostics } from './parse-diagnostics.js'

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
  result.diagnostics = mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source })
  return result
}
