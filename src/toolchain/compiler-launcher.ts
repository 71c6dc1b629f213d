import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/**
 * What a compiler launcher (`compiler-launcher`) means for the cache key and for parallelism. The launcher itself is
 * put in front of each compile by command-lines.ts.
 */

/** Launchers known to hand the compiler's own output back unchanged (see `launcherKeyPart`). */
const TRANSPARENT = new Set(['ccache', 'sccache', 'distcc', 'icecc', 'buildcache'])

/** The program's name without directory or Windows extension: `/usr/lib/ccache/ccache.exe` -> `ccache`. */
export function launcherName(program: string): string {
  // Both separators on every platform: a Windows path may be checked on a Linux machine (and tests do).
  const base = program.split(/[\\/]/).pop() ?? program
  return base.replace(/\.(exe|cmd|bat)$/i, '').toLowerCase()
}

/**
 * What the launcher adds to every module's fingerprint: nothing for a known launcher, the name, the arguments and the
 * hash of the program file for any other.
 *
 * ccache and sccache cannot change the output: a hit returns an object stored from the same compiler (they key on
 * its identity), the same arguments and the same preprocessed input, and a miss runs the compiler itself. distcc (and
 * icecc) run the same compile on another host after preprocessing here; their documentation requires the same
 * compiler version on every host, which is the compiler already in our key. So a build with or without them, or a
 * switch from one to the other, reuses the same entries. Any other program could rewrite the command line or the
 * object, so it is keyed by what it is: its file's content (a version change is a content change) and its arguments.
 */
export function launcherKeyPart(launcher: string[], env: NodeJS.ProcessEnv, cwd: string): string[] {
  if (launcher.length === 0 || TRANSPARENT.has(launcherName(launcher[0]))) return []
  const file = findProgram(launcher[0], env, cwd)
  const content = file ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'not found'
  return [launcherName(launcher[0]), content, ...launcher.slice(1)]
}

/** Refuses a launcher that cannot run, before any module fails on it. */
export function checkLauncher(launcher: string[], env: NodeJS.ProcessEnv, cwd: string): void {
  if (launcher.length === 0 || findProgram(launcher[0], env, cwd)) return
  const where = /[\\/]/.test(launcher[0]) ? 'no such file' : 'not found on PATH'
  throw new Error(
    `Invalid compiler-launcher "${launcher[0]}": ${where}; expected a program such as ccache, sccache or distcc (on PATH), or a path to one`,
  )
}

/** Remote compile capacity: how many compiles the launcher can run at once elsewhere, and where that figure comes from. */
export interface RemoteCapacity {
  launcher: string
  slots: number
  hosts: number
  source: string
}

/**
 * For distcc (directly, or behind ccache through CCACHE_PREFIX): the slots of its host list, each host's `/LIMIT` or
 * distcc's defaults (4 per host, 2 for localhost). undefined for a launcher that compiles here, or a host list that
 * cannot be counted (zeroconf): then the local CPUs bound jobs, as without a launcher.
 */
export function remoteCapacity(launcher: string[], env: NodeJS.ProcessEnv): RemoteCapacity | undefined {
  if (launcher.length === 0) return undefined
  const name = launcherName(launcher[0])
  const viaCcache = name === 'ccache' && launcherName(env.CCACHE_PREFIX ?? '') === 'distcc'
  if (name !== 'distcc' && !viaCcache) return undefined
  const list = distccHostList(env)
  if (!list) return undefined
  const hosts = parseDistccHosts(list.text)
  if (!hosts) return undefined
  const launcherLabel = viaCcache ? 'ccache + distcc' : 'distcc'
  return { launcher: launcherLabel, slots: hosts.reduce((sum, h) => sum + h.slots, 0), hosts: hosts.length, source: list.source }
}

/** distcc's own search: DISTCC_HOSTS, then $DISTCC_DIR/hosts (~/.distcc/hosts), then /etc/distcc/hosts. */
function distccHostList(env: NodeJS.ProcessEnv): { text: string; source: string } | undefined {
  if (env.DISTCC_HOSTS !== undefined) return { text: env.DISTCC_HOSTS, source: 'DISTCC_HOSTS' }
  const candidates = [path.join(env.DISTCC_DIR ?? path.join(os.homedir(), '.distcc'), 'hosts'), '/etc/distcc/hosts']
  for (const file of candidates) {
    try {
      return { text: fs.readFileSync(file, 'utf8').replace(/#.*$/gm, ''), source: file }
    } catch {
      // not there: the next place distcc looks
    }
  }
  return undefined
}

/** Each host with its slots; undefined when the list has none we can count (empty, or found through zeroconf). */
export function parseDistccHosts(text: string): Array<{ host: string; slots: number }> | undefined {
  const hosts: Array<{ host: string; slots: number }> = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word === '+zeroconf') return undefined
    if (word.startsWith('--')) continue // --randomize, --localslots=N: not hosts
    const spec = word.split(',')[0]
    const limit = /\/(\d+)/.exec(spec)
    const host = spec.replace(/\/\d+/, '').replace(/:.*$/, '')
    const slots = limit ? Number(limit[1]) : host === 'localhost' ? 2 : 4
    if (slots > 0) hosts.push({ host, slots })
  }
  return hosts.length > 0 ? hosts : undefined
}

/** The file a program name runs: itself when it has a directory part, else the first match on PATH. */
function findProgram(program: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (/[\\/]/.test(program)) return isFile(path.resolve(cwd, program)) ? path.resolve(cwd, program) : undefined
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean)
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : ['']
  for (const dir of dirs) for (const ext of extensions) if (isFile(path.join(dir, program + ext))) return path.join(dir, program + ext)
  return undefined
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
