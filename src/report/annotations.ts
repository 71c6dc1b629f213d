/**
 * Chooses which diagnostics become GitHub annotations and shapes them for @actions/core. Pure.
 * GitHub shows at most 10 errors and 10 warnings per step, so the first error of every failed module goes
 * first; the full list belongs in the job summary.
 */
import type { AnnotationProperties } from '@actions/core'

import type { Diagnostic, DiagnosticTool } from '../diagnostics/diagnostic.js'
import { deduplicate, firstError } from '../diagnostics/parse-diagnostics.js'

export interface ModuleFailure {
  /** The module's source file (repository path); stands in for diagnostics that name no file. */
  source: string
  diagnostics: Diagnostic[]
}

export interface RankedAnnotations {
  errors: Diagnostic[]
  warnings: Diagnostic[]
  omittedErrors: number
  omittedWarnings: number
}

/** GitHub cuts an annotation message at this many characters. */
export const MAX_MESSAGE_LENGTH = 4096

/**
 * Errors: the first error of each failed module, in the order given, then their other errors.
 * Warnings: those of the failed modules, then `warnings` (from modules that built). Notes are left out.
 * Identical diagnostics (one .pxi included by two modules) count once.
 */
export function rankAnnotations(failures: readonly ModuleFailure[], warnings: readonly Diagnostic[], limit = 10): RankedAnnotations {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`rankAnnotations: limit must be a whole number from 0, got ${limit}`)
  }
  const firsts: Diagnostic[] = []
  const rest: Diagnostic[] = []
  const failureWarnings: Diagnostic[] = []
  for (const failure of failures) {
    const own = failure.diagnostics.map(d => (d.file === '' ? { ...d, file: failure.source } : d))
    const errors = own.filter(d => d.severity === 'error')
    const first = firstError(errors)
    if (first) firsts.push(first)
    rest.push(...errors.filter(d => d !== first))
    failureWarnings.push(...own.filter(d => d.severity === 'warning'))
  }
  const allErrors = deduplicate([...firsts, ...rest])
  const allWarnings = deduplicate([...failureWarnings, ...warnings.filter(d => d.severity === 'warning')])
  return {
    errors: allErrors.slice(0, limit),
    warnings: allWarnings.slice(0, limit),
    omittedErrors: Math.max(0, allErrors.length - limit),
    omittedWarnings: Math.max(0, allWarnings.length - limit),
  }
}

/**
 * A tool's path made relative to the repository root, with forward slashes. `file` may be relative to
 * `workingDir` (where the tool ran) or absolute; Windows paths (`D:\a\r\pkg\m.c`) work on any platform.
 * A path outside the repository comes back absolute, normalised.
 */
export function toRepoRelative(file: string, workingDir: string, repoRoot: string): string {
  if (file === '') return ''
  const root = parsePath(repoRoot)
  if (root.anchor === '') {
    throw new Error(`toRepoRelative: repoRoot must be an absolute path (/x or C:\\x), got '${repoRoot}'`)
  }
  const dir = parsePath(workingDir)
  const base = dir.anchor === '' ? { anchor: root.anchor, parts: [...root.parts, ...dir.parts] } : dir
  const target = parsePath(file)
  const abs = normalise(target.anchor === '' ? { anchor: base.anchor, parts: [...base.parts, ...target.parts] } : target)
  const top = normalise(root)
  const caseless = /^[a-z]:\/$/i.test(top.anchor)
  const same = (a: string, b: string) => (caseless ? a.toLowerCase() === b.toLowerCase() : a === b)
  const inside = same(abs.anchor, top.anchor) && top.parts.every((p, i) => abs.parts[i] !== undefined && same(p, abs.parts[i]))
  return inside ? abs.parts.slice(top.parts.length).join('/') : abs.anchor + abs.parts.join('/')
}

export interface AnnotationPaths {
  /** Where the compiler ran (its relative paths start here). */
  workingDir: string
  repoRoot: string
}

export interface Annotation {
  message: string
  properties: AnnotationProperties
}

const TOOL_LABEL: Record<DiagnosticTool, string> = {
  cython: 'Cython',
  gcc: 'gcc',
  clang: 'clang',
  msvc: 'MSVC',
  linker: 'linker',
}

/** Message and properties for `core.error(message, properties)` / `core.warning(...)`. */
export function annotationProperties(d: Diagnostic, paths: AnnotationPaths): Annotation {
  const file = toRepoRelative(d.file, paths.workingDir, paths.repoRoot)
  const inRepo = file !== '' && !isAbsolute(file)
  let title = `${TOOL_LABEL[d.tool]} ${d.severity}`
  if (d.generatedFrom) {
    const c = d.generatedFrom
    title += ` in generated ${toRepoRelative(c.file, paths.workingDir, paths.repoRoot)}:${c.line}`
  }
  const properties: AnnotationProperties = { title }
  if (inRepo) {
    properties.file = file
    if (d.line !== undefined) properties.startLine = d.line
    if (d.line !== undefined && d.column !== undefined) properties.startColumn = d.column
  }
  // Outside the repository GitHub cannot place it, so say where it is in the text.
  const where = !inRepo && file !== '' ? `${[file, d.line, d.column].filter(p => p !== undefined).join(':')}: ` : ''
  return { message: cut(where + d.message), properties }
}

function cut(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message
  let end = MAX_MESSAGE_LENGTH - 1
  if (/[\uD800-\uDBFF]/.test(message[end - 1])) end-- // keep surrogate pairs whole
  return `${message.slice(0, end)}…`
}

interface ParsedPath {
  /** '/' for POSIX, 'C:/' for Windows drives, '//' for UNC, '' for relative paths. */
  anchor: string
  parts: string[]
}

function parsePath(path: string): ParsedPath {
  const p = path.replace(/\\/g, '/')
  const drive = /^([A-Za-z]:)\/?/.exec(p)
  const anchor = drive ? `${drive[1]}/` : p.startsWith('//') ? '//' : p.startsWith('/') ? '/' : ''
  const body = drive ? p.slice(drive[0].length) : p.slice(anchor.length)
  return { anchor, parts: body.split('/').filter(s => s !== '' && s !== '.') }
}

function normalise(path: ParsedPath): ParsedPath {
  const parts: string[] = []
  for (const part of path.parts) {
    if (part !== '..') parts.push(part)
    else if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else if (path.anchor === '') parts.push('..')
  }
  return { anchor: path.anchor, parts }
}

function isAbsolute(path: string): boolean {
  return parsePath(path).anchor !== ''
}
