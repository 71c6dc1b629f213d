import type { Diagnostic } from './diagnostic.js'

/**
 * Errors located in Cython's own bundled `.pxd` files (`.../Cython/Includes/libcpp/string.pxd`, outside the project)
 * say nothing about the module's own code. These find the module's line that led there: the cimport of that `.pxd`.
 */

const INCLUDES = /[\\/]Cython[\\/]Includes[\\/](.+)\.pxd$/

/** `.../Cython/Includes/libcpp/string.pxd` -> `libcpp.string`; undefined for any other file. */
export function bundledPxdModule(file: string): string | undefined {
  const m = INCLUDES.exec(file)
  return m
    ? m[1]
        .split(/[\\/]/)
        .join('.')
        .replace(/\.__init__$/, '')
    : undefined
}

/** The 1-based line of the source that cimports `dotted` (`cimport a.b`, `from a.b cimport x`, `from a cimport b`). */
export function cimportLineOf(source: string, dotted: string): { line: number; text: string } | undefined {
  const parts = dotted.split('.')
  const name = escape(dotted)
  const parent = escape(parts.slice(0, -1).join('.'))
  const last = escape(parts[parts.length - 1])
  const patterns = [
    new RegExp(`^\\s*(from\\s+${name}\\s+cimport\\b|cimport\\s+([\\w.]+\\s*,\\s*)*${name}\\b)`),
    ...(parts.length > 1 ? [new RegExp(`^\\s*from\\s+${parent}\\s+cimport\\b.*\\b${last}\\b`)] : []),
  ]
  const lines = source.split(/\r?\n/)
  for (const pattern of patterns) {
    const i = lines.findIndex(l => pattern.test(l))
    if (i >= 0) return { line: i + 1, text: lines[i].trim() }
  }
  return undefined
}

/**
 * One error on the module's own cimport line per bundled `.pxd` that holds errors, and, for a module built as C that
 * cimports `libcpp`, the fix: C++ must be declared (the usual cause of both the bundled errors and a missing
 * `<string>`-style header).
 */
export function bundledIncludeOrigins(
  moduleSource: string,
  language: 'c' | 'c++',
  sourceText: string,
  diagnostics: Diagnostic[],
  failed: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = []
  const counts = new Map<string, { file: string; errors: number }>()
  for (const d of diagnostics) {
    const dotted = d.severity === 'error' ? bundledPxdModule(d.file) : undefined
    if (dotted) counts.set(dotted, { file: d.file, errors: (counts.get(dotted)?.errors ?? 0) + 1 })
  }
  const cxx = language === 'c' && failed ? firstLibcppCimport(sourceText) : undefined
  if (cxx) {
    out.push(
      at(
        moduleSource,
        cxx.at,
        `${cxx.module} is C++, but this module is built as C: add "# distutils: language = c++" to it (or to a .pxd it cimports), or language="c++" to its Extension in setup.py`,
      ),
    )
  }
  for (const [dotted, { file, errors }] of counts) {
    const origin = cimportLineOf(sourceText, dotted)
    if (!origin || (cxx && cxx.at.line === origin.line)) continue
    out.push(
      at(moduleSource, origin, `${errors} error${errors === 1 ? '' : 's'} in Cython's bundled ${file} come from this cimport of ${dotted}`),
    )
  }
  return out
}

function firstLibcppCimport(source: string): { module: string; at: { line: number; text: string } } | undefined {
  const lines = source.split(/\r?\n/)
  const i = lines.findIndex(l => /^\s*(from\s+libcpp[\w.]*\s+cimport\b|cimport\s+libcpp\b)/.test(l))
  if (i < 0) return undefined
  const module = /libcpp[\w.]*/.exec(lines[i])?.[0] ?? 'libcpp'
  return { module, at: { line: i + 1, text: lines[i].trim() } }
}

function at(file: string, origin: { line: number; text: string }, message: string): Diagnostic {
  return { file, line: origin.line, severity: 'error', message, tool: 'cython', context: [origin.text] }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
