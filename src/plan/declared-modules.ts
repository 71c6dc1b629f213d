import * as path from 'node:path'

import { generatedPathFor, outputPathFor } from './module-naming.js'
import type { DistutilsDirectives, ModuleSpec } from './module-spec.js'
import { emptyDirectives } from './source-directives.js'

/**
 * One extension as a project declares it: the fields of setuptools' `Extension` (snake_case, as in setup.py), plus
 * the cythonize() options it went through. The setup.py query prints these; an extensions file holds them.
 */
export interface DeclaredExtension {
  name: string
  sources: string[]
  language?: string | null
  include_dirs?: string[]
  libraries?: string[]
  library_dirs?: string[]
  runtime_library_dirs?: string[]
  extra_objects?: string[]
  extra_compile_args?: string[]
  extra_link_args?: string[]
  define_macros?: Array<[string, string | null]>
  undef_macros?: string[]
  depends?: string[]
  optional?: boolean
  cython?: { directives?: Record<string, unknown>; include_path?: string[]; language_level?: string | number | null } | null
  /** Where `build_ext --inplace` puts the module (build_py's package dir), relative to `base`. */
  package_dir?: string
}

export interface DeclaredContext {
  /** The directory the declaration's relative paths start from (setup.py's own). */
  base: string
  workingDirectory: string
  extSuffix: string
  outputDir: string | null
  /** Source size in bytes (the scheduler's estimate). */
  sizeOf: (file: string) => number
}

const CYTHON_SOURCE = /\.(pyx|py)$/
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** The modules a project declares, named and flagged as its own build would, paths relative to the working directory. */
export function declaredModules(extensions: DeclaredExtension[], ctx: DeclaredContext, origin: string): ModuleSpec[] {
  return extensions.map(ext => declaredModule(ext, ctx, origin))
}

function declaredModule(ext: DeclaredExtension, ctx: DeclaredContext, origin: string): ModuleSpec {
  checkExtension(ext, origin)
  const rebase = (p: string): string => rebasePath(p, ctx)
  const sources = ext.sources.map(rebase)
  const cythonSource = sources.find(s => CYTHON_SOURCE.test(s))
  const source = cythonSource ?? sources[0]
  const language = ext.language === 'c++' ? 'c++' : 'c'
  const kind = cythonSource ? 'cython' : 'c'
  return {
    name: ext.name,
    source,
    kind,
    language,
    directives: declaredDirectives(
      ext,
      sources.filter(s => s !== source),
      rebase,
    ),
    generated: kind === 'c' ? source : generatedFor(source, ext.name, language, ctx.outputDir),
    output:
      ctx.outputDir === null && ext.package_dir !== undefined
        ? inPlaceOutput(ext.name, ext.package_dir, ctx)
        : outputPathFor(source, ext.name, ctx.extSuffix, ctx.outputDir),
    size: ctx.sizeOf(source),
    cythonArgs: kind === 'cython' ? cythonArguments(ext) : [],
    cythonIncludeDirs: (ext.cython?.include_path ?? []).filter(p => p !== '.').map(rebase),
    optional: Boolean(ext.optional),
  }
}

function checkExtension(ext: DeclaredExtension, origin: string): void {
  if (typeof ext.name !== 'string' || !MODULE_NAME.test(ext.name)) {
    throw new Error(`Invalid ${origin}: extension name ${JSON.stringify(ext.name)} is not a dotted module name such as pkg.mod`)
  }
  if (!Array.isArray(ext.sources) || ext.sources.length === 0 || ext.sources.some(s => typeof s !== 'string')) {
    throw new Error(`Invalid ${origin}: extension ${ext.name} needs "sources", a list of files such as ["pkg/mod.pyx", "pkg/helper.c"]`)
  }
  if (ext.language != null && ext.language !== 'c' && ext.language !== 'c++') {
    throw new Error(`Invalid ${origin}: extension ${ext.name} has language ${JSON.stringify(ext.language)}; expected c or c++`)
  }
}

function declaredDirectives(ext: DeclaredExtension, extraSources: string[], rebase: (p: string) => string): DistutilsDirectives {
  return {
    ...emptyDirectives(),
    ...(ext.language === 'c' || ext.language === 'c++' ? { language: ext.language } : {}),
    sources: extraSources,
    includeDirs: (ext.include_dirs ?? []).map(rebase),
    libraries: ext.libraries ?? [],
    libraryDirs: (ext.library_dirs ?? []).map(rebase),
    runtimeLibraryDirs: ext.runtime_library_dirs ?? [],
    extraObjects: (ext.extra_objects ?? []).map(rebase),
    defineMacros: (ext.define_macros ?? []).map(([name, value]) => [name, value ?? null]),
    undefMacros: ext.undef_macros ?? [],
    extraCompileArgs: ext.extra_compile_args ?? [],
    extraLinkArgs: ext.extra_link_args ?? [],
  }
}

/**
 * What cythonize hands Cython for this module: its full name (cythonize always passes it, so a module named apart
 * from its file still gets the right PyInit_), the language level and the compiler directives.
 */
export function cythonArguments(ext: Pick<DeclaredExtension, 'name' | 'cython'>): string[] {
  const level = ext.cython?.language_level
  const levelArgs = level == null ? [] : [String(level) === '3str' ? '--3str' : `-${String(level)}`]
  const directives = Object.entries(ext.cython?.directives ?? {}).flatMap(([k, v]) => ['-X', `${k}=${directiveValue(v)}`])
  return ['--module-name', ext.name, ...levelArgs, ...directives]
}

function directiveValue(value: unknown): string {
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === null) return 'None'
  return String(value)
}

/** cythonize writes `<stem>.c`/`.cpp` beside the `.pyx` (whatever the module is named); under output-dir, by name. */
function generatedFor(source: string, name: string, language: 'c' | 'c++', outputDir: string | null): string {
  if (outputDir !== null) return generatedPathFor(source, name, language, outputDir)
  return source.replace(CYTHON_SOURCE, language === 'c++' ? '.cpp' : '.c')
}

/**
 * build_ext --inplace: `<package dir>/<last part><EXT_SUFFIX>`, the package dir following setup()'s package_dir.
 * Without one (an extensions file), the module goes beside its source, as in the sources mode.
 */
function inPlaceOutput(name: string, packageDir: string, ctx: DeclaredContext): string {
  const dir = rebasePath(packageDir, ctx)
  const leaf = name.split('.').pop() + ctx.extSuffix
  return dir === '.' ? leaf : `${dir}/${leaf}`
}

/** A path of the declaration made relative to the working directory, with `/`; absolute ones stay absolute. */
export function rebasePath(p: string, ctx: Pick<DeclaredContext, 'base' | 'workingDirectory'>): string {
  const rel = path.relative(ctx.workingDirectory, path.resolve(ctx.base, p || '.'))
  // An absolute path inside the project becomes relative, so the cache key does not hold the checkout's path.
  if (path.isAbsolute(p) && (rel.startsWith('..') || path.isAbsolute(rel))) return p
  return rel === '' ? '.' : rel.split(path.sep).join('/')
}
