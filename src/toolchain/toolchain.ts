/** What the chosen Python's own build machinery would use: the answer of TOOLCHAIN_QUERY. */
export interface UnixCompiler {
  type: 'unix'
  compilerSo: string[]
  compilerSoCxx: string[]
  linkerSo: string[]
  linkerSoCxx: string[]
  objExtension: string
}

export interface MsvcCompiler {
  type: 'msvc'
  cc: string
  linker: string
  compileOptions: string[]
  ldflagsShared: string[]
  includeDirs: string[]
  libraryDirs: string[]
  /** PATH for cl.exe and link.exe, from the vcvars environment setuptools found. */
  path: string
  objExtension: string
}

export interface CompilerError {
  type: 'error'
  error: string
}

export interface Toolchain {
  executable: string
  version: string
  implementation: string
  cacheTag: string
  extSuffix: string
  soabi: string | null
  freeThreaded: boolean
  platform: string
  machine: string
  sysconfigPlatform: string
  pythonInclude: string
  pythonHeaderFound: boolean
  cython: { version: string | null; error: string | null }
  buildExt: { includeDirs: string[]; libraryDirs: string[]; rpath: string[]; libraries: string[]; source: string }
  compiler: UnixCompiler | MsvcCompiler | CompilerError
  archflags: string | null
  /** What setuptools adds to the environment of every compile and link (macOS: MACOSX_DEPLOYMENT_TARGET). */
  buildEnv?: Record<string, string>
  /** The interpreter's `sys.path` dirs: Cython's last place to look for a `.pxd`. */
  sysPath?: string[]
}

/** A short identity of the interpreter ABI, for cache keys: `cpython-311-x86_64-linux-gnu`, `cpython-313t-...`. */
export function pythonAbi(t: Toolchain): string {
  const fromSuffix = t.extSuffix.replace(/^\./, '').replace(/\.(so|pyd)$/, '')
  return fromSuffix || t.soabi || t.cacheTag
}
