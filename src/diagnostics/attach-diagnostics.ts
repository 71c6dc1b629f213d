import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Diagnostic } from './diagnostic.js'
import { mapDiagnostics } from './generated-source-map.js'
import { parseDiagnostics } from './parse-diagnostics.js'

/** What attaching needs of a finished module: its captured output and its source (a pool result has both). */
export interface DiagnosableResult {
  module: { source: string }
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
  return { ...result, diagnostics: mapDiagnostics(parseDiagnostics(result.output), readGenerated, { moduleSource: result.module.source }) }
}
