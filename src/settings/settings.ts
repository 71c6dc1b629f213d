import * as path from 'node:path'

import { InputError } from '../errors/input-error.js'
import { parseByteSize } from './byte-size.js'
import { DEFAULT_CACHE_KEY_PREFIX, DEFAULT_CACHE_MAX_SIZE, DEFAULT_MEMORY_PER_JOB, DEFAULT_SOURCES, INPUT_DEFAULTS } from './defaults.js'
import {
  parseBoolean,
  parseChoice,
  parseDefines,
  parseJobs,
  parseLines,
  parsePathList,
  parseShard,
  parseTimeLimit,
  type ShardRequest,
} from './parse-inputs.js'
import { splitShellWords } from './shell-words.js'

/** Every input, parsed and validated once. The action and the CLI both produce this from raw strings. */
export interface BuildSettings {
  /** Glob patterns relative to the working directory; `!` excludes. */
  sources: string[]
  workingDirectory: string
  /** The interpreter to build for; null = look for `python`, then `python3`, on PATH. */
  python: string | null
  jobs: number | 'auto'
  memoryPerJob: number
  cythonArgs: string[]
  includeDirs: string[]
  defines: Array<[string, string | null]>
  compileArgs: string[]
  linkArgs: string[]
  /** null = in place, next to each source (like `cythonize -i`). */
  outputDir: string | null
  failFast: boolean
  /** Per-module time limit in ms; null = none. */
  timeoutPerFile: number | null
  dryRun: boolean
  ifNoFilesFound: 'error' | 'warn' | 'ignore'
  cache: CacheSettings
  /** Where the JSON report goes; null = the default location chosen by the face (action or CLI). */
  reportPath: string | null
  /** `I/N`: build only part I of N; `gather/N`: merge N shards' stores, build the rest; null = one job builds all. */
  shard: ShardRequest | null
  /** Program (and its arguments) put in front of every C/C++ compile, e.g. ccache, sccache, distcc; [] = none. */
  compilerLauncher: string[]
  /** Modules declared by the project's setup.py or an extensions file (absolute path) instead of `sources`. */
  declared: DeclaredSource | null
  /** Module names (`*` matches any run of characters) whose failure is a warning, not a failed build. */
  optional: string[]
}

export interface DeclaredSource {
  kind: 'setup-py' | 'extensions'
  file: string
}

export interface CacheSettings {
  enabled: boolean
  dir: string
  keyPrefix: string
  maxSize: number
  /**
   * Drop entries this build did not use. Right for the action's store, which is saved under a new key per build;
   * wrong for the local command's store, which one user shares between projects and configurations.
   */
  pruneUnused: boolean
}

/** Raw input strings by input name (kebab-case, as in action.yml). Missing = empty = default. */
export type RawInputs = Partial<Record<InputName, string>>

export const INPUT_NAMES = [
  'sources',
  'working-directory',
  'python',
  'jobs',
  'memory-per-job',
  'cython-args',
  'include-dirs',
  'define',
  'compile-args',
  'link-args',
  'output-dir',
  'fail-fast',
  'timeout-per-file',
  'dry-run',
  'if-no-files-found',
  'cache',
  'cache-dir',
  'cache-key-prefix',
  'cache-max-size',
  'report',
  'setup-py',
  'extensions',
  'optional',
  'shard',
  'compiler-launcher',
] as const
export type InputName = (typeof INPUT_NAMES)[number]

export interface SettingsDefaults {
  /** Resolves a relative working-directory (the workspace in the action, the current directory in the CLI). */
  baseDirectory: string
  cacheDir: string
  pruneUnusedCacheEntries: boolean
}

export function parseSettings(raw: RawInputs, defaults: SettingsDefaults): BuildSettings {
  const get = (name: InputName): string => raw[name] ?? ''
  const workingDirectory = notRoot(path.resolve(defaults.baseDirectory, get('working-directory').trim() || '.'), get('working-directory'))
  const resolveFromWorkdir = (p: string): string => path.resolve(workingDirectory, p)
  const sources = parseLines(get('sources'))
  return {
    sources: sources.length > 0 ? sources : [DEFAULT_SOURCES],
    workingDirectory,
    python: get('python').trim() || null,
    jobs: parseJobs(get('jobs')),
    memoryPerJob: get('memory-per-job').trim() ? parseByteSize(get('memory-per-job'), 'memory-per-job') : DEFAULT_MEMORY_PER_JOB,
    cythonArgs: splitShellWords(get('cython-args'), 'cython-args'),
    includeDirs: parsePathList(get('include-dirs')),
    defines: parseDefines(get('define')),
    compileArgs: splitShellWords(get('compile-args'), 'compile-args'),
    linkArgs: splitShellWords(get('link-args'), 'link-args'),
    outputDir: get('output-dir').trim() ? resolveFromWorkdir(get('output-dir').trim()) : null,
    failFast: parseBoolean(get('fail-fast'), 'fail-fast', false),
    timeoutPerFile: parseTimeLimit(get('timeout-per-file'), 'timeout-per-file'),
    dryRun: parseBoolean(get('dry-run'), 'dry-run', false),
    ifNoFilesFound: parseChoice(
      get('if-no-files-found'),
      'if-no-files-found',
      ['error', 'warn', 'ignore'] as const,
      INPUT_DEFAULTS['if-no-files-found'],
    ),
    cache: {
      enabled: parseBoolean(get('cache'), 'cache', true),
      dir: path.resolve(defaults.baseDirectory, get('cache-dir').trim() || defaults.cacheDir),
      keyPrefix: parseKeyPrefix(get('cache-key-prefix')),
      maxSize: parseByteSize(get('cache-max-size').trim() || DEFAULT_CACHE_MAX_SIZE, 'cache-max-size'),
      pruneUnused: defaults.pruneUnusedCacheEntries,
    },
    reportPath: get('report').trim() ? resolveFromWorkdir(get('report').trim()) : null,
    shard: parseShard(get('shard')),
    compilerLauncher: parseLauncher(get('compiler-launcher'), resolveFromWorkdir),
    declared: checkNoSources(parseDeclared(get('setup-py'), get('extensions'), resolveFromWorkdir), sources),
    optional: parseLines(get('optional')),
  }
}

/** The declared modules are the whole list: a sources glob beside them (other than the default) is a mistake. */
function checkNoSources(declared: DeclaredSource | null, sources: string[]): DeclaredSource | null {
  if (declared && sources.length > 0 && !(sources.length === 1 && sources[0] === '**/*.pyx')) {
    throw new InputError(
      `Invalid sources "${sources.join(' ')}": with ${declared.kind} the modules come from ${declared.file}; leave sources empty`,
    )
  }
  return declared
}

/** `setup-py: true` means the working directory's setup.py; a path names another. */
function parseDeclared(setupPy: string, extensions: string, resolve: (p: string) => string): DeclaredSource | null {
  const setup = setupPy.trim()
  const fromSetup = setup === '' || /^(false|no|off|0)$/i.test(setup) ? null : /^(true|yes|on|1)$/i.test(setup) ? 'setup.py' : setup
  if (fromSetup && extensions.trim()) {
    throw new InputError(`Invalid setup-py "${setupPy}": setup-py and extensions both declare the modules; set only one`)
  }
  if (fromSetup) return { kind: 'setup-py', file: resolve(fromSetup) }
  return extensions.trim() ? { kind: 'extensions', file: resolve(extensions.trim()) } : null
}

/** The root would mean globbing the whole machine (and /proc, whose links loop): name the project instead. */
function notRoot(dir: string, text: string): string {
  if (path.parse(dir).root !== dir) return dir
  throw new InputError(
    `Invalid working-directory "${text || dir}": the file system root would search the whole machine; expected the project's directory, e.g. . or src`,
  )
}

function parseKeyPrefix(text: string): string {
  const value = text.trim() || DEFAULT_CACHE_KEY_PREFIX
  if (value.includes(',') || value.length > 200) {
    throw new InputError(
      `Invalid cache-key-prefix "${text}": expected a short name without commas (at most 200 characters), e.g. cython-fanout-v2`,
    )
  }
  return value
}

/** A name is looked up on PATH when the compile runs; a path with a slash is relative to the working directory. */
function parseLauncher(text: string, resolveFromWorkdir: (p: string) => string): string[] {
  const [program, ...args] = splitShellWords(text, 'compiler-launcher')
  if (program === undefined) return []
  return [/[\\/]/.test(program) ? resolveFromWorkdir(program) : program, ...args]
}
