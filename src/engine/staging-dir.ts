import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'

/**
 * Each build stages its outputs in `<base>/.cython-fanout-tmp-<pid>/`, removed when the build ends. A build killed
 * with SIGKILL cannot remove it, so every build first removes the stale ones: only directories with exactly that
 * name, holding the marker we wrote, written on this host, whose process is gone.
 */
const PREFIX = '.cython-fanout-tmp-'
const NAME = /^\.cython-fanout-tmp-(\d+)$/
const MARKER = '.cython-fanout-staging'

interface Marker {
  pid: number
  host: string
}

export async function makeStagingRoot(base: string): Promise<string> {
  const root = path.join(base, `${PREFIX}${process.pid}`)
  try {
    await fs.mkdir(root, { recursive: true })
    await fs.writeFile(path.join(root, MARKER), JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies Marker) + '\n')
  } catch (err) {
    const code = await trueErrorCode(root, err as NodeJS.ErrnoException)
    throw new Error(
      `Cannot write to ${base} (${code}${accessHint(code)}): the output directory must be writable; set output-dir to a writable directory`,
      { cause: err },
    )
  }
  return root
}

/**
 * A recursive mkdir on a read-only file system says ENOENT; creating the first missing directory alone gives the
 * real cause (EROFS, EACCES).
 */
async function trueErrorCode(dir: string, err: NodeJS.ErrnoException): Promise<string | undefined> {
  if (err.code !== 'ENOENT') return err.code
  let missing = dir
  while (path.dirname(missing) !== missing && !(await exists(path.dirname(missing)))) missing = path.dirname(missing)
  return fs.mkdir(missing).then(
    () => err.code,
    (again: NodeJS.ErrnoException) => again.code ?? err.code,
  )
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  )
}

/** EACCES and EROFS say what they are; the code alone is cryptic to most. */
function accessHint(code: string | undefined): string {
  if (code === 'EROFS') return ': a read-only file system'
  if (code === 'EACCES' || code === 'EPERM') return ': permission denied'
  return ''
}

/** Removes the staging directories of builds that died; returns their names. Never throws. */
export async function removeStaleStaging(base: string, isAlive: (pid: number) => boolean = processAlive): Promise<string[]> {
  const entries = await fs.readdir(base, { withFileTypes: true }).catch(() => [])
  const removed: string[] = []
  for (const entry of entries) {
    const pid = NAME.exec(entry.name)?.[1]
    if (!entry.isDirectory() || pid === undefined || Number(pid) === process.pid) continue
    const dir = path.join(base, entry.name)
    if (!(await isStale(dir, Number(pid), isAlive))) continue
    await fs.rm(dir, { recursive: true, force: true }).then(
      () => removed.push(entry.name),
      () => undefined,
    )
  }
  return removed
}

async function isStale(dir: string, pid: number, isAlive: (pid: number) => boolean): Promise<boolean> {
  const marker = await readMarker(path.join(dir, MARKER))
  return marker !== null && marker.pid === pid && marker.host === os.hostname() && !isAlive(pid)
}

async function readMarker(file: string): Promise<Marker | null> {
  try {
    // lstat first: a link planted in place of the marker proves nothing.
    if (!(await fs.lstat(file)).isFile()) return null
    const m = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Marker>
    return typeof m.pid === 'number' && typeof m.host === 'string' ? { pid: m.pid, host: m.host } : null
  } catch {
    return null
  }
}

/** Signal 0 checks existence only; EPERM means alive (another user's process). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
