import * as path from 'node:path'

/**
 * Environment variables the compiler, linker or setuptools read while building a module. A change to any of them
 * can change the binary, so each one set goes into every module's key. (CC, CFLAGS and the like also shape the
 * probed command lines; listing them here as well costs nothing and keeps the key right if the probe misses one.)
 */
const COMMON = [
  // gcc and clang: header and library search, and where the driver finds its own programs.
  'CPATH',
  'C_INCLUDE_PATH',
  'CPLUS_INCLUDE_PATH',
  'OBJC_INCLUDE_PATH',
  'OBJCPLUS_INCLUDE_PATH',
  'LIBRARY_PATH',
  'GCC_EXEC_PREFIX',
  'COMPILER_PATH',
  // What setuptools' customize_compiler reads.
  'CC',
  'CXX',
  'CPP',
  'CFLAGS',
  'CXXFLAGS',
  'CPPFLAGS',
  'LDFLAGS',
  'LDSHARED',
  'LDCXXSHARED',
  'AR',
  'ARFLAGS',
  'ARCHFLAGS',
]
const DARWIN = ['SDKROOT', 'MACOSX_DEPLOYMENT_TARGET', 'DEVELOPER_DIR']
/** cl.exe and link.exe read their search paths and extra options from these. */
const MSVC = ['INCLUDE', 'LIB', 'LIBPATH', 'CL', '_CL_', 'LINK', '_LINK_']

/** Lists of directories: an entry inside the working directory is keyed relative to it, so checkouts share keys. */
const PATH_LISTS = new Set([
  'CPATH',
  'C_INCLUDE_PATH',
  'CPLUS_INCLUDE_PATH',
  'OBJC_INCLUDE_PATH',
  'OBJCPLUS_INCLUDE_PATH',
  'LIBRARY_PATH',
  'COMPILER_PATH',
  'INCLUDE',
  'LIB',
  'LIBPATH',
])

/** Directories the C compiler searches for headers because of the environment, in its order (no duplicates). */
const HEADER_LISTS = ['CPATH', 'C_INCLUDE_PATH', 'CPLUS_INCLUDE_PATH', 'OBJC_INCLUDE_PATH', 'OBJCPLUS_INCLUDE_PATH']

export interface EnvironmentContext {
  platform: NodeJS.Platform | string
  /** Whether the compiler is MSVC (its variables matter only then). */
  msvc: boolean
  workingDirectory: string
}

/** The names read on this platform and compiler (pure). */
export function compilerVariables(ctx: Pick<EnvironmentContext, 'platform' | 'msvc'>): string[] {
  return [...COMMON, ...(ctx.platform === 'darwin' ? DARWIN : []), ...(ctx.msvc ? MSVC : [])]
}

/** `NAME=value` for each variable the compiler reads that is set, sorted; for the build context of every key (pure). */
export function environmentKey(env: NodeJS.ProcessEnv, ctx: EnvironmentContext): string[] {
  return compilerVariables(ctx)
    .flatMap(name => {
      const value = lookup(env, name, ctx.platform)
      return value === undefined ? [] : [`${name}=${PATH_LISTS.has(name) ? keyedPathList(value, ctx) : value}`]
    })
    .sort()
}

/**
 * Header dirs the environment adds to the compiler's search (CPATH and friends, MSVC's INCLUDE), as absolute paths:
 * the dependency scan looks there too, so a header found through them is hashed like one found through -I (pure).
 */
export function environmentIncludeDirs(env: NodeJS.ProcessEnv, ctx: EnvironmentContext): string[] {
  const names = [...HEADER_LISTS, ...(ctx.msvc ? ['INCLUDE'] : [])]
  const dirs = names.flatMap(name => splitList(lookup(env, name, ctx.platform) ?? '', ctx.platform))
  // An empty element means the current directory to gcc; the compile runs in the working directory.
  return [...new Set(dirs.map(dir => pathFor(ctx.platform).resolve(ctx.workingDirectory, dir || '.')))]
}

/** Windows names ignore case (`Path`, `PATH`); elsewhere a name is exact. */
function lookup(env: NodeJS.ProcessEnv, name: string, platform: string): string | undefined {
  if (platform !== 'win32') return env[name]
  const found = Object.keys(env).find(key => key.toUpperCase() === name)
  return found === undefined ? undefined : env[found]
}

function splitList(value: string, platform: string): string[] {
  return value === '' ? [] : value.split(platform === 'win32' ? ';' : ':')
}

function keyedPathList(value: string, ctx: EnvironmentContext): string {
  const p = pathFor(ctx.platform)
  const separator = ctx.platform === 'win32' ? ';' : ':'
  return value
    .split(separator)
    .map(dir => {
      // Relative entries (and gcc's empty one, the current dir) are read from the working dir, where compiles run.
      const rel = p.relative(ctx.workingDirectory, p.resolve(ctx.workingDirectory, dir || '.'))
      return /^\.\.([/\\]|$)/.test(rel) || p.isAbsolute(rel) ? dir : `./${rel.split(p.sep).join('/')}`
    })
    .join(separator)
}

function pathFor(platform: string): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}
