import * as fs from 'node:fs'
import * as path from 'node:path'

import { InputError } from '../errors/input-error.js'
import { generatedPathFor, moduleNameFor, outputPathFor, PACKAGE_MARKERS } from './module-naming.js'
import type { ModuleSpec } from './module-spec.js'
import { emptyDirectives, parseDistutilsDirectives } from './source-directives.js'

export interface PlanContext {
  workingDirectory: string
  extSuffix: string
  /** Relative to the working directory with `/`, or null to build in place. */
  outputDir: string | null
}

/** Where planning reads a source: pass the build's shared reader, so the dependency scan does not read it again. */
export interface SourceTextReader {
  /** The file as latin1 text (one character per byte), or undefined when it cannot be read. */
  readFile(path: string): string | undefined
}

/** Turns matched source files into module specs: names from the package layout, directives from the headers. */
export function planModules(sources: string[], context: PlanContext, reader?: SourceTextReader): ModuleSpec[] {
  const isPackageDir = packageDirProbe(context.workingDirectory)
  const modules = withoutGeneratedC(sources).map(source => planModule(source, moduleNameFor(source, isPackageDir), context, reader))
  rejectDuplicateNames(modules)
  return modules
}

/** Whether a directory (relative to the working directory) is a package for Cython; each asked once. */
export function packageDirProbe(workingDirectory: string): (dir: string) => boolean {
  const packageDirs = new Map<string, boolean>()
  return (dir: string): boolean => {
    if (!packageDirs.has(dir)) {
      const abs = path.join(workingDirectory, dir)
      packageDirs.set(
        dir,
        PACKAGE_MARKERS.some(marker => fs.existsSync(path.join(abs, marker))),
      )
    }
    return packageDirs.get(dir) as boolean
  }
}

function planModule(source: string, name: string, context: PlanContext, reader?: SourceTextReader): ModuleSpec {
  const file = path.join(context.workingDirectory, source)
  // latin1 never fails: only the ASCII header matters here; Cython itself reports a bad encoding.
  // Without a reader's text, readFileSync reads the file, or throws the error that names it.
  const text = reader?.readFile(file) ?? fs.readFileSync(file).toString('latin1')
  const kind = source.endsWith('.c') ? 'c' : 'cython'
  if (kind === 'c') checkPlainCModule(source, name, text)
  const directives = kind === 'c' ? emptyDirectives() : parseDistutilsDirectives(text)
  const language = directives.language ?? 'c'
  return {
    name,
    source,
    kind,
    language,
    directives,
    generated: kind === 'c' ? source : generatedPathFor(source, name, language, context.outputDir),
    output: outputPathFor(source, name, context.extSuffix, context.outputDir),
    size: text.length, // latin1: one character per byte
  }
}

function checkPlainCModule(source: string, name: string, text: string): void {
  const init = `PyInit_${name.split('.').pop()}`
  if (!text.includes(init)) {
    throw new InputError(
      `Invalid sources: ${source} is a C file without ${init}(); a .c source must be a Python extension module ` +
        'defining PyInit_<name> (exclude helper C files with a !pattern, or list them in a "# distutils: sources" line)',
    )
  }
}

/** A `.c` next to a `.pyx`/`.py` of the same stem is Cython's output from an earlier build, not a module source. */
export function withoutGeneratedC(sources: string[]): string[] {
  const stems = new Set(sources.filter(s => !s.endsWith('.c')).map(s => s.replace(/\.(pyx|py)$/, '')))
  return sources.filter(s => !(s.endsWith('.c') && stems.has(s.slice(0, -2))))
}

export function rejectDuplicateNames(modules: ModuleSpec[]): void {
  const seen = new Map<string, string>()
  for (const m of modules) {
    const other = seen.get(m.name)
    if (other)
      throw new InputError(`Invalid sources: ${other} and ${m.source} would both build module ${m.name}; exclude one with a !pattern`)
    seen.set(m.name, m.source)
  }
}
