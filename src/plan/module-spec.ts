/** One extension module to build, as the plan describes it. Paths are relative to the working directory, with `/`. */
export interface DistutilsDirectives {
  language?: 'c' | 'c++'
  libraries: string[]
  libraryDirs: string[]
  includeDirs: string[]
  sources: string[]
  defineMacros: Array<[string, string | null]>
  extraCompileArgs: string[]
  extraLinkArgs: string[]
  /** setup.py's Extension fields that no `# distutils:` line of ours sets; optional so older specs stay valid. */
  undefMacros?: string[]
  runtimeLibraryDirs?: string[]
  extraObjects?: string[]
}

export interface ModuleSpec {
  /** Dotted module name, as cythonize names it from the package layout (`pkg.sub.mod`). */
  name: string
  /** The `.pyx`/`.py` (Cython) or `.c` (plain C with PyInit_) source. */
  source: string
  kind: 'cython' | 'c'
  language: 'c' | 'c++'
  directives: DistutilsDirectives
  /** Where Cython writes the generated `.c`/`.cpp` (the source itself for plain C modules). */
  generated: string
  /** The built extension, `<name><EXT_SUFFIX>`. */
  output: string
  /** Source size in bytes: the scheduler's estimate when no earlier duration is known. */
  size: number
  /** Per-module Cython arguments (from setup.py's cythonize(): directives, language level, --module-name). */
  cythonArgs?: string[]
  /** Per-module Cython search dirs (cythonize's include_path), relative to the working directory. */
  cythonIncludeDirs?: string[]
  /** A failure is a warning and the build stays green (setuptools' Extension(optional=True)). */
  optional?: boolean
}
