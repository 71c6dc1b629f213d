/**
 * Every default in one place. action.yml declares the same values (a test parses it and compares), the settings
 * fall back to them, and the CLI's help prints them.
 */

const GiB = 1024 ** 3

export const DEFAULT_SOURCES = '**/*.pyx'
export const DEFAULT_CACHE_KEY_PREFIX = 'cython-fanout'
export const DEFAULT_CACHE_MAX_SIZE = '2GiB'

/**
 * Memory one job may need at its peak. Measured here (gcc 12, Python's own CFLAGS
 * `-g -fwrapv -O2 -Wall ... -fPIC`, Cython 0.29.32, /usr/bin/time -v) on generated modules of N
 * cdef classes plus N def functions:
 *   2.2 MB of C  -> 325 MiB peak RSS (22 s)
 *   7.0 MB of C  -> 736 MiB (74 s)
 *  13.9 MB of C  -> 1.43 GiB (174 s)
 * About 100 MiB per MB of generated C. Most modules produce 0.5-3 MB (well under 500 MiB), but the
 * large ones (10-15 MB) are exactly what gets OOM-killed, so the default covers a 15 MB module;
 * a Cython transpile of a big module (about 600 MiB) runs before the compile, not beside it.
 * Projects with bigger modules set memory-per-job.
 */
export const DEFAULT_MEMORY_PER_JOB = 1.5 * GiB
/** DEFAULT_MEMORY_PER_JOB as action.yml and the help write it. */
export const DEFAULT_MEMORY_PER_JOB_TEXT = '1.5GiB'

/**
 * Each input's `default:` in action.yml, by input name. An empty string means "not set": the setting then comes
 * from elsewhere (python from PATH, the cache dir and report path from the face, no time limit).
 */
export const INPUT_DEFAULTS = {
  sources: DEFAULT_SOURCES,
  'working-directory': '.',
  python: '',
  jobs: 'auto',
  'memory-per-job': DEFAULT_MEMORY_PER_JOB_TEXT,
  'cython-args': '',
  'include-dirs': '',
  define: '',
  'compile-args': '',
  'link-args': '',
  'output-dir': '',
  'fail-fast': 'false',
  'timeout-per-file': '',
  'dry-run': 'false',
  'if-no-files-found': 'error',
  cache: 'true',
  'cache-dir': '',
  'cache-key-prefix': DEFAULT_CACHE_KEY_PREFIX,
  'cache-max-size': DEFAULT_CACHE_MAX_SIZE,
  report: '',
  shard: '',
  'compiler-launcher': '',
  'setup-py': '',
  extensions: '',
  optional: '',
} as const
