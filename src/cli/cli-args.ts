import { parseArgs } from 'node:util'

import { errorText } from '../errors/error-text.js'
import { InputError } from '../errors/input-error.js'
import { DEFAULT_CACHE_KEY_PREFIX, DEFAULT_CACHE_MAX_SIZE, DEFAULT_MEMORY_PER_JOB_TEXT, DEFAULT_SOURCES } from '../settings/defaults.js'
import type { InputName, RawInputs } from '../settings/settings.js'

/** Bad command-line usage: an input error of the command line itself. */
export class UsageError extends InputError {
  override name = 'UsageError'
}

export interface CliRequest {
  raw: RawInputs
  help: boolean
  version: boolean
  verbose: boolean
  showToolchain: boolean
  hostFactsFile?: string
}

/** Options named like the action's inputs; each maps to one input. */
const VALUE_OPTIONS: Record<string, { input: InputName; short?: string; multiple?: boolean }> = {
  'working-directory': { input: 'working-directory', short: 'C' },
  python: { input: 'python' },
  jobs: { input: 'jobs', short: 'j' },
  'memory-per-job': { input: 'memory-per-job' },
  'cython-args': { input: 'cython-args' },
  'include-dirs': { input: 'include-dirs', short: 'I', multiple: true },
  define: { input: 'define', short: 'D', multiple: true },
  'compile-args': { input: 'compile-args' },
  'link-args': { input: 'link-args' },
  'output-dir': { input: 'output-dir', short: 'o' },
  'timeout-per-file': { input: 'timeout-per-file' },
  'if-no-files-found': { input: 'if-no-files-found' },
  'cache-dir': { input: 'cache-dir' },
  'cache-key-prefix': { input: 'cache-key-prefix' },
  'cache-max-size': { input: 'cache-max-size' },
  report: { input: 'report' },
  'setup-py': { input: 'setup-py' },
  extensions: { input: 'extensions' },
  optional: { input: 'optional', multiple: true },
  shard: { input: 'shard' },
  'compiler-launcher': { input: 'compiler-launcher' },
}

/**
 * Options whose values are Cython or compiler arguments, so often start with a dash (`--cython-args -3`). Node's
 * parseArgs refuses `--opt -value` as ambiguous; gcc-style tools take the next word as the value, and so do we.
 */
const DASH_VALUE_OPTIONS = new Set(['--cython-args', '--compile-args', '--link-args', '--define', '-D'])

/** `--cython-args -3` becomes `--cython-args=-3` (and `-D -X` becomes `--define=-X`), up to a `--`. */
export function attachDashValues(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') return [...out, ...argv.slice(i)]
    const next = argv[i + 1]
    if (DASH_VALUE_OPTIONS.has(arg) && next !== undefined && next.startsWith('-')) {
      out.push(`${arg === '-D' ? '--define' : arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}

const FLAG_OPTIONS: Record<string, InputName> = { 'fail-fast': 'fail-fast', 'dry-run': 'dry-run' }

export function parseCliArgs(argv: string[]): CliRequest {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
    verbose: { type: 'boolean', short: 'v' },
    'no-cache': { type: 'boolean' },
    'show-toolchain': { type: 'boolean' },
    'host-facts': { type: 'string' },
  }
  for (const [name, o] of Object.entries(VALUE_OPTIONS)) {
    options[name] = { type: 'string', multiple: Boolean(o.multiple), ...(o.short ? { short: o.short } : {}) }
  }
  for (const name of Object.keys(FLAG_OPTIONS)) options[name] = { type: 'boolean' }
  let parsed
  try {
    parsed = parseArgs({ args: attachDashValues(withFromSetupPy(argv)), options, allowPositionals: true, strict: true })
  } catch (err) {
    // Node's message can span lines (with a useful hint such as --opt=-value); keep it whole, on one line.
    throw new UsageError(`${errorText(err).replace(/\s*\n\s*/g, ' ')} (see cython-fanout --help)`)
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>
  const raw: RawInputs = {}
  for (const [name, o] of Object.entries(VALUE_OPTIONS)) {
    const v = values[name]
    if (v !== undefined) raw[o.input] = Array.isArray(v) ? v.join('\n') : String(v)
  }
  for (const [name, input] of Object.entries(FLAG_OPTIONS)) if (values[name]) raw[input] = 'true'
  if (values['no-cache']) raw.cache = 'false'
  if (parsed.positionals.length > 0) raw.sources = parsed.positionals.join('\n')
  return {
    raw,
    help: Boolean(values.help),
    version: Boolean(values.version),
    verbose: Boolean(values.verbose),
    showToolchain: Boolean(values['show-toolchain']),
    hostFactsFile: values['host-facts'] as string | undefined,
  }
}

/** `--from-setup-py [FILE]`: the next word is FILE only when it names a .py file; alone it means ./setup.py. */
function withFromSetupPy(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') return [...out, ...argv.slice(i)]
    if (arg.startsWith('--from-setup-py=')) out.push(`--setup-py=${arg.slice('--from-setup-py='.length)}`)
    else if (arg !== '--from-setup-py') out.push(arg)
    else if (/\.py$/.test(argv[i + 1] ?? '')) out.push(`--setup-py=${argv[++i]}`)
    else out.push('--setup-py=true')
  }
  return out
}

export const HELP = `Usage: cython-fanout [options] [SOURCES...]

Build every matched Cython module in parallel, in place (like cythonize -i), with a safe number of jobs,
a content-keyed cache, and a per-file failure report. SOURCES are globs relative to the working
directory; a leading ! excludes (default: ${DEFAULT_SOURCES}).

Options (each named like the GitHub Action input of the same name):
  -C, --working-directory DIR  directory to build in (default: current directory)
      --python PYTHON          interpreter to build for (default: python, then python3, from PATH)
  -j, --jobs N|auto            parallel jobs; auto = min(CPUs incl. cgroup quota, memory / memory-per-job,
                               modules, 61 on Windows) (default: auto)
      --memory-per-job SIZE    memory one compile may need, e.g. 1.5GiB, 800MiB (default: ${DEFAULT_MEMORY_PER_JOB_TEXT})
      --cython-args ARGS       extra Cython arguments, split like a shell would (never run by one)
  -I, --include-dirs DIR       include directory for Cython and the C compiler (repeatable)
  -D, --define NAME[=VALUE]    C macro (repeatable)
      --compile-args ARGS      extra C compiler arguments
      --link-args ARGS         extra linker arguments
  -o, --output-dir DIR         put generated C and built modules here, mirroring packages (default: in place)
      --from-setup-py [FILE]   build the extensions setup.py declares (default FILE: setup.py), with their
                               names, sources, languages and flags; SOURCES are then not used
      --extensions FILE        build the extensions a JSON file declares (for projects without setup.py)
      --optional NAME          a module whose failure is only a warning; * matches anything (repeatable)
      --fail-fast              stop starting modules after the first failure
      --timeout-per-file DUR   per-module time limit, e.g. 600, 90s, 10m (default: none)
      --if-no-files-found X    error, warn or ignore when SOURCES match nothing (default: error)
      --no-cache               build without reading or writing the compile cache
      --cache-dir DIR          compile cache directory (default: the user cache directory)
      --cache-key-prefix P     prefix of the cache key (for the action's cache; default: ${DEFAULT_CACHE_KEY_PREFIX})
      --cache-max-size SIZE    keep the cache under this size (default: ${DEFAULT_CACHE_MAX_SIZE})
      --report FILE            write the JSON report here (default: none); never replaces a file that is
                               not a cython-fanout report
      --shard I/N              build only part I of N, split by predicted time (same split in every job);
                               gather/N builds all, after the action merged the N shards' stores
      --compiler-launcher CMD  put CMD in front of every C/C++ compile: ccache, sccache, distcc or a path
      --dry-run                print the plan (modules, order, jobs and why) as JSON; build nothing
      --host-facts FILE        with --dry-run: plan for the runner described in FILE (JSON) instead of this one
      --show-toolchain         print what the chosen Python's setuptools would build with (JSON); build nothing
  -v, --verbose                print every module's output, not only failures'
  -h, --help                   show this help
  -V, --version                show the version

Exit status: 0 all modules built, 1 a module failed (or the build was cancelled), 2 bad usage.
`
