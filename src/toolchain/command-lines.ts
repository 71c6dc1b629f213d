import type { ModuleSpec } from '../plan/module-spec.js'
import type { MsvcCompiler, Toolchain, UnixCompiler } from './toolchain.js'

/** Build flags common to every module, from the settings. */
export interface BuildFlags {
  cythonArgs: string[]
  includeDirs: string[]
  defines: Array<[string, string | null]>
  compileArgs: string[]
  linkArgs: string[]
}

/** Cython's command line (after `cython`): user args, C++ when the module asks, search dirs, output, source. */
export function cythonCommand(spec: ModuleSpec, flags: BuildFlags, generatedOut: string): string[] {
  return [
    ...flags.cythonArgs,
    ...(spec.language === 'c++' ? ['--cplus'] : []),
    ...[...flags.includeDirs, ...spec.directives.includeDirs].flatMap(dir => ['-I', dir]),
    '-o',
    generatedOut,
    spec.source,
  ]
}

export interface CompileStep {
  argv: string[]
  source: string
  object: string
}

/** The C sources a module compiles: Cython's output (or the plain C source) then `# distutils: sources`. */
export function compileSources(spec: ModuleSpec, generated: string): string[] {
  return [generated, ...spec.directives.sources.filter(s => !/\.(pyx|py)$/.test(s))]
}

/** One compile per C source, as distutils' UnixCCompiler/MSVCCompiler would run it for this extension. */
export function compileCommands(spec: ModuleSpec, toolchain: Toolchain, flags: BuildFlags, sources: string[], objectFor: (src: string) => string): CompileStep[] {
  const compiler = toolchain.compiler
  if (compiler.type === 'error') throw new Error(compiler.error)
  const macros = [...flags.defines, ...spec.directives.defineMacros]
  const includes = [...spec.directives.includeDirs, ...flags.includeDirs, ...toolchain.buildExt.includeDirs]
  const extra = [...spec.directives.extraCompileArgs, ...flags.compileArgs]
  return sources.map(source => {
    const object = objectFor(source)
    const argv =
      compiler.type === 'unix'
        ? unixCompile(compiler, spec, source, object, macros, includes, extra)
        : msvcCompile(compiler, source, object, macros, [...includes, ...compiler.includeDirs], extra)
    return { argv, source, object }
  })
}

function unixCompile(c: UnixCompiler, spec: ModuleSpec, src: string, obj: string, macros: Array<[string, string | null]>, includes: string[], extra: string[]): string[] {
  const base = spec.language === 'c++' ? c.compilerSoCxx : c.compilerSo
  const pp = [...macros.map(([n, v]) => (v === null ? `-D${n}` : `-D${n}=${v}`)), ...includes.map(d => `-I${d}`)]
  return [...base, ...pp, '-c', src, '-o', obj, ...extra]
}

function msvcCompile(c: MsvcCompiler, src: string, obj: string, macros: Array<[string, string | null]>, includes: string[], extra: string[]): string[] {
  const pp = [...macros.map(([n, v]) => (v === null ? `-D${n}` : `-D${n}=${v}`)), ...includes.map(d => `-I${d}`)]
  const lang = /\.(cpp|cxx|cc)$/i.test(src) ? `/Tp${src}` : `/Tc${src}`
  return [c.cc, ...c.compileOptions, ...pp, '/c', lang, `/Fo${obj}`, ...extra]
}

/** The link that makes `<name><EXT_SUFFIX>` from the objects. */
export function linkCommand(spec: ModuleSpec, toolchain: Toolchain, flags: BuildFlags, objects: string[], output: string): string[] {
  const compiler = toolchain.compiler
  if (compiler.type === 'error') throw new Error(compiler.error)
  const libraryDirs = [...spec.directives.libraryDirs, ...toolchain.buildExt.libraryDirs]
  const libraries = [...spec.directives.libraries, ...toolchain.buildExt.libraries]
  const extra = [...spec.directives.extraLinkArgs, ...flags.linkArgs]
  if (compiler.type === 'unix') {
    const base = spec.language === 'c++' ? compiler.linkerSoCxx : compiler.linkerSo
    const rpath = toolchain.buildExt.rpath.map(d => `-Wl,-rpath,${d}`)
    return [...base, ...objects, ...libraryDirs.map(d => `-L${d}`), ...rpath, ...libraries.map(l => `-l${l}`), '-o', output, ...extra]
  }
  const init = `PyInit_${spec.name.split('.').pop()}`
  const implib = output.replace(/\.[^./\\]+$/, '') + '.lib'
  return [
    compiler.linker,
    ...compiler.ldflagsShared,
    ...[...libraryDirs, ...compiler.libraryDirs].map(d => `/LIBPATH:${d}`),
    ...libraries.map(l => `${l}.lib`),
    `/EXPORT:${init}`,
    ...objects,
    `/OUT:${output}`,
    `/IMPLIB:${implib}`,
    ...extra,
  ]
}
