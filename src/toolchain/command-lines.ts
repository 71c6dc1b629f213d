import type { ModuleSpec } from '../plan/module-spec.js'
import type { MsvcCompiler, Toolchain, UnixCompiler } from './toolchain.js'

/**
 * The argv of every step, as setuptools' build_ext runs them (distutils' UnixCCompiler and MSVCCompiler): the same
 * argument order, the same platform rules. Never run through a shell.
 */

/** Build flags common to every module, from the settings. */
export interface BuildFlags {
  cythonArgs: string[]
  includeDirs: string[]
  defines: Array<[string, string | null]>
  compileArgs: string[]
  linkArgs: string[]
  /** Put in front of every compile (not the link), as CMake's CMAKE_<LANG>_COMPILER_LAUNCHER: ccache, sccache, distcc. */
  compilerLauncher?: string[]
}

/** A macro to define (`[name, value]`, value null for a bare `-DNAME`), or to undefine (`[name]`, `-UNAME`). */
type Macro = [string, string | null] | [string]

/**
 * Cython's command line (after `cython`): user args, C++ when the module asks, search dirs, output, source. The
 * working dir (`.`) comes last among the search dirs, as in cythonize's default include path.
 */
export function cythonCommand(spec: ModuleSpec, flags: BuildFlags, generatedOut: string): string[] {
  return [
    ...flags.cythonArgs,
    ...(spec.cythonArgs ?? []),
    ...(spec.language === 'c++' ? ['--cplus'] : []),
    ...[...flags.includeDirs, ...(spec.cythonIncludeDirs ?? []), ...spec.directives.includeDirs, '.'].flatMap(dir => ['-I', dir]),
    '-o',
    asOperand(generatedOut),
    asOperand(spec.source),
  ]
}

/**
 * A relative path that starts with `-` (`-rf.pyx`) would be read as an option: `./` keeps it a file. Cython 0.29
 * has no `--`, and gcc's `--` is not portable to cl, so the path is changed rather than the command.
 */
export function asOperand(file: string): string {
  return file.startsWith('-') ? `./${file}` : file
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

/** distutils' C++ extensions (case matters there too). */
export function isCxxSource(source: string): boolean {
  return /\.(cc|cpp|cxx)$/.test(source)
}

/** One compile per C source, as distutils' UnixCCompiler/MSVCCompiler would run it for this extension. */
export function compileCommands(
  spec: ModuleSpec,
  toolchain: Toolchain,
  flags: BuildFlags,
  sources: string[],
  objectFor: (src: string) => string,
): CompileStep[] {
  const compiler = toolchain.compiler
  if (compiler.type === 'error') throw new Error(compiler.error)
  // build_ext appends the extension's undef_macros after its define_macros.
  const undefs = (spec.directives.undefMacros ?? []).map((name): Macro => [name])
  const macros: Macro[] = [...flags.defines, ...spec.directives.defineMacros, ...undefs, ...platformMacros(toolchain)]
  const includes = [...spec.directives.includeDirs, ...flags.includeDirs, ...toolchain.buildExt.includeDirs]
  const extra = [...spec.directives.extraCompileArgs, ...flags.compileArgs]
  const launcher = flags.compilerLauncher ?? []
  if (compiler.type === 'unix') {
    const pp = preprocessorOptions(macros, includes)
    return sources.map(source => {
      const object = objectFor(source)
      return { argv: [...launcher, ...unixCompile(compiler, toolchain, source, object, pp, extra)], source, object }
    })
  }
  // vcvars' INCLUDE comes last; once a C++ source is seen, MSVCCompiler.compile keeps /EHsc for the rest.
  const pp = preprocessorOptions(macros, [...includes, ...compiler.includeDirs])
  return sources.map((source, i) => {
    const object = objectFor(source)
    const cxxSeen = sources.slice(0, i + 1).some(isCxxSource)
    return { argv: [...launcher, ...msvcCompile(compiler, source, object, pp, extra, cxxSeen)], source, object }
  })
}

/** setuptools defines Py_GIL_DISABLED for free-threaded Windows builds: the installer's pyconfig.h is shared with the default build. */
function platformMacros(toolchain: Toolchain): Macro[] {
  return toolchain.freeThreaded && toolchain.compiler.type === 'msvc' ? [['Py_GIL_DISABLED', '1']] : []
}

/** distutils' gen_preprocess_options: `-D` then `-I`, for cc and cl alike. */
function preprocessorOptions(macros: Macro[], includes: string[]): string[] {
  return [
    ...macros.map(m => (m.length === 1 ? `-U${m[0]}` : m[1] === null ? `-D${m[0]}` : `-D${m[0]}=${m[1]}`)),
    ...includes.map(d => `-I${d}`),
  ]
}

function unixCompile(c: UnixCompiler, t: Toolchain, src: string, obj: string, pp: string[], extra: string[]): string[] {
  const ccArgs = [...pp, '-c']
  const base = isCxxSource(src) ? c.compilerSoCxx : c.compilerSo
  return [...darwinFixup(t, base, [...ccArgs, ...extra]), ...ccArgs, asOperand(src), '-o', obj, ...extra]
}

function msvcCompile(c: MsvcCompiler, src: string, obj: string, pp: string[], extra: string[], cxxSeen: boolean): string[] {
  const input = isCxxSource(src) ? `/Tp${src}` : `/Tc${src}`
  return [c.cc, '/c', ...c.compileOptions, ...pp, ...(cxxSeen ? ['/EHsc'] : []), input, `/Fo${obj}`, ...extra]
}

/**
 * _osx_support.compiler_fixup, which distutils applies to every compile and link on macOS: ARCHFLAGS replaces
 * every `-arch` of the command; an `-arch` or `-isysroot` among the user's arguments replaces the built-in ones.
 */
export function darwinFixup(t: Pick<Toolchain, 'platform' | 'archflags'>, command: string[], args: string[]): string[] {
  if (t.platform !== 'darwin') return command
  const userArch = args.includes('-arch')
  const archflags = t.archflags ?? null
  let out = userArch || archflags !== null ? withoutOption(command, a => a === '-arch', true) : command
  if (archflags !== null && !userArch) out = [...out, ...archflags.split(/\s+/).filter(Boolean)]
  if (args.some(a => a.startsWith('-isysroot'))) out = withoutOption(out, a => a.startsWith('-isysroot'), false)
  return out
}

/** Drops each matching option and, when it stands alone (`-arch arm64`, `-isysroot /sdk`), its value. */
function withoutOption(command: string[], matches: (arg: string) => boolean, alwaysPaired: boolean): string[] {
  const out: string[] = []
  for (let i = 0; i < command.length; i++) {
    if (!matches(command[i])) out.push(command[i])
    else if (alwaysPaired || command[i] === '-isysroot') i++
  }
  return out
}

/** distutils' detect_language: the extension links as C++ when it says so or when any source is C++. */
function linksAsCxx(spec: ModuleSpec): boolean {
  return spec.language === 'c++' || compileSources(spec, spec.generated).some(isCxxSource)
}

/** The link that makes `<name><EXT_SUFFIX>` from the objects. */
export function linkCommand(spec: ModuleSpec, toolchain: Toolchain, flags: BuildFlags, objects: string[], output: string): string[] {
  const compiler = toolchain.compiler
  if (compiler.type === 'error') throw new Error(compiler.error)
  const libraryDirs = [...spec.directives.libraryDirs, ...toolchain.buildExt.libraryDirs]
  const libraries = [...spec.directives.libraries, ...toolchain.buildExt.libraries]
  const extra = [...spec.directives.extraLinkArgs, ...flags.linkArgs]
  // build_ext links the extension's extra_objects after its compiled objects.
  objects = [...objects, ...(spec.directives.extraObjects ?? [])]
  if (compiler.type === 'unix') {
    const rpath = [...toolchain.buildExt.rpath, ...(spec.directives.runtimeLibraryDirs ?? [])].map(d => `-Wl,-rpath,${d}`)
    const ldArgs = [...objects, ...libraryDirs.map(d => `-L${d}`), ...rpath, ...libraries.map(l => `-l${l}`), '-o', output, ...extra]
    const base = linksAsCxx(spec) ? compiler.linkerSoCxx : compiler.linkerSo
    return [...darwinFixup(toolchain, base, ldArgs), ...ldArgs]
  }
  return [
    compiler.linker,
    ...compiler.ldflagsShared,
    ...[...libraryDirs, ...compiler.libraryDirs].map(d => `/LIBPATH:${d}`),
    ...libraries.map(l => `${l}.lib`),
    `/EXPORT:${initFunction(spec.name)}`,
    ...objects,
    `/OUT:${output}`,
    `/IMPLIB:${importLibrary(objects[0], output)}`,
    ...extra,
  ]
}

/** build_ext.get_export_symbols: `PyInit_<last part>`, the package's name for an `__init__` module. */
export function initFunction(moduleName: string): string {
  const parts = moduleName.split('.')
  const last = parts[parts.length - 1]
  return `PyInit_${last === '__init__' && parts.length >= 2 ? parts[parts.length - 2] : last}`
}

/** link.exe always writes an import library (and .exp): MSVCCompiler puts it beside the objects, never beside the .pyd. */
export function importLibrary(firstObject: string, output: string): string {
  const stem = output.slice(lastSeparator(output) + 1).replace(/\.[^.]*$/, '')
  const cut = lastSeparator(firstObject)
  return cut < 0 ? `${stem}.lib` : `${firstObject.slice(0, cut + 1)}${stem}.lib`
}

function lastSeparator(p: string): number {
  return Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'))
}

/**
 * The environment of every compile and link, as setuptools sets it: MSVC's PATH from vcvars (replacing `Path` too:
 * Windows names are case-insensitive) and `buildEnv` (macOS: MACOSX_DEPLOYMENT_TARGET).
 */
export function compilerEnvironment(toolchain: Toolchain, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const c = toolchain.compiler
  const set: Record<string, string> = { ...(toolchain.buildEnv ?? {}), ...(c.type === 'msvc' ? { PATH: c.path } : {}) }
  const fold = (name: string): string => (toolchain.platform === 'win32' ? name.toUpperCase() : name)
  const replaced = new Set(Object.keys(set).map(fold))
  const kept = Object.entries(env).filter(([name]) => !replaced.has(fold(name)))
  return { ...Object.fromEntries(kept), ...set }
}
