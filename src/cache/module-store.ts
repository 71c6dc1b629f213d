// Over 400 lines on purpose: the store's on-disk format (layout, manifest, checks) is kept in one file, so every
// reader and writer of it is seen together; pruning's choice (choosePruneVictims) is pure and tested on its own.
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'

import { errorText } from '../errors/error-text.js'
import { InputError } from '../errors/input-error.js'
import { replaceAtomically, writeFileAtomically } from '../files/atomic-write.js'
import { sha256Hex } from './fingerprint.js'

/**
 * A directory of built modules keyed by content fingerprint:
 *
 *   <store>/v1/<fp[0:2]>/<fp>/{manifest.json, extension, generated?}
 *   <store>/durations.json     module name -> last build time (ms), for longest-first scheduling
 *   <store>/tmp/               half-written entries (`put-*`, `trash-*`); never left behind by a finished put
 *   <store>/.cython-fanout-store   the marker: this directory is a store, so prune may delete inside it
 *
 * Nothing inside holds an absolute path, so the whole directory can be cached, restored elsewhere, and still hit.
 * Entries are written once and never changed: a put renames a complete temp dir into place.
 *
 * The store trusts nothing it reads back: a symlink anywhere below the root is a damaged entry (never followed, so
 * a planted link cannot install another file of the machine), and outputs are installed with a fixed mode, never
 * the manifest's. It deletes only names it creates, and only in a directory that carries its marker.
 */

export type FileRole = 'extension' | 'generated'

export interface StoredFile {
  /** The original base name (informative: the file is stored as `<role>`). */
  name: string
  sha256: string
  size: number
  /** The built file's permission bits: informative only, a restore installs with `INSTALL_MODE`. */
  mode: number
}

export interface EntryManifest {
  format: typeof MANIFEST_FORMAT
  fingerprint: string
  module: string
  durationMs: number
  createdAt: string
  files: { extension: StoredFile; generated?: StoredFile }
}

export interface StoreEntry {
  fingerprint: string
  /** Absolute path of the entry dir (in memory only, never written). */
  dir: string
  manifest: EntryManifest
}

/** What a lookup found: an intact entry, nothing, or an entry that cannot be trusted (and why). */
export type LookupResult = ({ kind: 'found' } & StoreEntry) | { kind: 'missing' } | { kind: 'corrupt'; reason: string }

export interface PutResult {
  entry: StoreEntry
  /** 'existing' when another writer stored the same fingerprint first: theirs is kept. */
  outcome: 'stored' | 'existing'
}

export interface PruneCandidate {
  fingerprint: string
  size: number
  durationMs: number
}

export interface PruneReport {
  removed: string[]
  keptBytes: number
  removedBytes: number
}

const MANIFEST_FORMAT = 'cython-fanout module entry v1'
const ROLES: FileRole[] = ['generated', 'extension']
const FINGERPRINT = /^[0-9a-f]{64}$/

/** What a build would leave (gcc's 0o777 and Cython's 0o666, less the usual umask): the umask still applies. */
export const INSTALL_MODE: Record<FileRole, number> = { extension: 0o755, generated: 0o644 }

/** The file that makes a directory a store; its text tells a reader what the directory is. */
export const STORE_MARKER = '.cython-fanout-store'
const MARKER_TEXT =
  'cython-fanout module store v1\nA cache of built modules. cython-fanout deletes here only its entries (v1/<2 hex>/<sha256>/) and its temp dirs (tmp/put-*, tmp/trash-*).\n'
/** Top-level names a store from before the marker may hold: such a directory is adopted, anything else refused. */
const STORE_NAMES = new Set(['v1', 'tmp', 'durations.json', STORE_MARKER])
/** Names the store gives its temp dirs: prune removes these and nothing else under tmp/. */
const TEMP_NAME = /^(put|trash)-[A-Za-z0-9]+$/

export class ModuleStore {
  readonly root: string
  private readonly used = new Set<string>()
  private claimed: Promise<void> | undefined

  constructor(root: string) {
    this.root = path.resolve(root)
  }

  /**
   * Throws when the root holds files but is not a store (no marker, and not shaped like one): writing and pruning
   * there could delete the user's files. A missing or empty root is fine (it becomes a store on the first write).
   */
  async checkOwnership(): Promise<void> {
    const names = await listDir(this.root)
    if (names.length === 0 || names.includes(STORE_MARKER) || (await isUnmarkedStore(this.root, names))) return
    throw new InputError(
      `Invalid cache-dir ${this.root}: it holds files (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}) and is no cython-fanout store (no ${STORE_MARKER}); set cache-dir to a new or empty directory`,
    )
  }

  /** Before the first write: checks the root is ours (or empty) and leaves the marker that says so. Once per store. */
  private claim(): Promise<void> {
    this.claimed ??= (async () => {
      await this.checkOwnership()
      await fs.mkdir(this.root, { recursive: true })
      await fs.writeFile(path.join(this.root, STORE_MARKER), MARKER_TEXT, { flag: 'wx' }).catch(err => {
        if (errorCode(err) !== 'EEXIST') throw err
      })
    })()
    return this.claimed
  }

  /** The entry when present and intact; `corrupt` when its files do not match its manifest (caller rebuilds). */
  async lookup(fingerprint: string): Promise<LookupResult> {
    checkFingerprint(fingerprint)
    const dir = this.entryDir(fingerprint)
    const linked = await this.linkOnTheWay(fingerprint)
    if (linked) return linked === 'missing' ? { kind: 'missing' } : { kind: 'corrupt', reason: linked }
    let text: string
    try {
      text = (await readPlainFile(path.join(dir, 'manifest.json'))).toString('utf8')
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') return { kind: 'corrupt', reason: `cannot read manifest.json: ${errorText(err)}` }
      return (await exists(dir)) ? { kind: 'corrupt', reason: 'manifest.json is missing' } : { kind: 'missing' }
    }
    const manifest = parseManifest(text, fingerprint)
    if (typeof manifest === 'string') return { kind: 'corrupt', reason: manifest }
    for (const role of ROLES) {
      const problem = await checkStoredFile(dir, role, manifest.files[role])
      if (problem) return { kind: 'corrupt', reason: problem }
    }
    return { kind: 'found', fingerprint, dir, manifest }
  }

  /** The fingerprints that have an entry dir, from one listing of the store: nothing is read or checked. */
  async entryFingerprints(): Promise<Set<string>> {
    return new Set(await this.entryNames())
  }

  /**
   * Puts the entry's files at their destinations (absolute paths), each through a temp file in the destination dir
   * and a rename, so a reader never sees half an output. Re-checks the content hash on the way.
   */
  async restore(entry: StoreEntry, destinations: { extension: string; generated?: string }): Promise<void> {
    for (const role of ROLES) {
      const destination = destinations[role]
      if (destination === undefined) continue
      const stored = entry.manifest.files[role]
      if (!stored) throw new Error(`Cannot restore module ${entry.manifest.module}: its cache entry has no ${role} file`)
      await restoreFile(
        path.join(entry.dir, role),
        stored,
        INSTALL_MODE[role],
        checkAbsolute(destination, role),
        `${role} of module ${entry.manifest.module}`,
      )
    }
    this.recordUse(entry.fingerprint)
  }

  /**
   * Stores a built module. Atomic: the entry is assembled in `<store>/tmp` and renamed into place whole. If another
   * writer got there first, theirs is kept (same fingerprint, same inputs); a corrupt one is replaced.
   */
  async put(
    fingerprint: string,
    files: { extension: string; generated?: string },
    meta: { module: string; durationMs: number },
  ): Promise<PutResult> {
    checkFingerprint(fingerprint)
    checkDuration(meta.durationMs, `durationMs of ${meta.module}`)
    await this.claim()
    const tmpRoot = path.join(this.root, 'tmp')
    await fs.mkdir(tmpRoot, { recursive: true })
    const tmp = await fs.mkdtemp(path.join(tmpRoot, 'put-'))
    try {
      const manifest = await assembleEntry(tmp, fingerprint, files, meta).catch(err => {
        throw new Error(`Cannot store module ${meta.module} in the cache: ${errorText(err)}`)
      })
      const outcome = await this.place(tmp, fingerprint)
      this.recordUse(fingerprint)
      return { entry: { fingerprint, dir: this.entryDir(fingerprint), manifest: outcome.manifest ?? manifest }, outcome: outcome.kind }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true })
    }
  }

  /** Marks an entry as used by this build (put and restore do it themselves): prune keeps only used entries. */
  recordUse(fingerprint: string): void {
    checkFingerprint(fingerprint)
    this.used.add(fingerprint)
  }

  /** The fingerprints put, restored or recorded so far, for `prune`. */
  usedFingerprints(): Set<string> {
    return new Set(this.used)
  }

  /**
   * Before saving: drops every entry not in `used`, then as many as needed to fit `maxBytes` (see
   * `choosePruneVictims` for the order), and any leftover temp dirs. Call it once all puts have finished. Deletes
   * only entry dirs and the store's own temp dirs, and only in a directory that is a store (see `checkOwnership`).
   */
  async prune(used: Set<string>, maxBytes: number, options: { keepUnused?: boolean } = {}): Promise<PruneReport> {
    if (!(maxBytes >= 0)) throw new Error(`Invalid maxBytes: ${maxBytes}; expected a number of bytes >= 0 (or Infinity)`)
    await this.claim()
    await this.removeTemps()
    const entries = await this.listEntries()
    const victims = new Set(choosePruneVictims(entries, used, maxBytes, options.keepUnused))
    const report: PruneReport = { removed: [], keptBytes: 0, removedBytes: 0 }
    for (const entry of entries) {
      if (!victims.has(entry.fingerprint)) {
        report.keptBytes += entry.size
        continue
      }
      await fs.rm(this.entryDir(entry.fingerprint), { recursive: true, force: true })
      report.removed.push(entry.fingerprint)
      report.removedBytes += entry.size
    }
    await this.removeEmptyPrefixes()
    return report
  }

  /** Module name -> milliseconds from earlier builds; `{}` when the file is missing or unreadable. */
  async readDurations(): Promise<Record<string, number>> {
    let parsed: unknown
    try {
      parsed = JSON.parse(await fs.readFile(this.durationsFile(), 'utf8'))
    } catch {
      return {} // first build, or a damaged file: scheduling falls back to size estimates
    }
    if (!isRecord(parsed)) return {}
    const durations: Record<string, number> = {}
    for (const [name, ms] of Object.entries(parsed)) if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) durations[name] = ms
    return durations
  }

  /** Replaces durations.json atomically (the caller merges with `readDurations()` to keep modules not built now). */
  async writeDurations(durations: Record<string, number>): Promise<void> {
    for (const [name, ms] of Object.entries(durations)) checkDuration(ms, `duration of ${name}`)
    await this.claim()
    await writeFileAtomically(this.durationsFile(), JSON.stringify(sortedRecord(durations), null, 1) + '\n')
  }

  private entryDir(fingerprint: string): string {
    return path.join(this.root, 'v1', fingerprint.slice(0, 2), fingerprint)
  }

  /** 'missing', or why the entry cannot be trusted when a dir on its way below the root is a symlink or no dir. */
  private async linkOnTheWay(fingerprint: string): Promise<string | 'missing' | undefined> {
    let dir = this.root
    for (const name of ['v1', fingerprint.slice(0, 2), fingerprint]) {
      dir = path.join(dir, name)
      const stat = await fs.lstat(dir).catch(() => undefined)
      if (!stat) return 'missing'
      if (stat.isSymbolicLink()) return `${path.relative(this.root, dir)} is a symlink (never followed out of the store)`
      if (!stat.isDirectory()) return `${path.relative(this.root, dir)} is not a directory`
    }
    return undefined
  }

  private durationsFile(): string {
    return path.join(this.root, 'durations.json')
  }

  private async place(tmp: string, fingerprint: string): Promise<{ kind: 'stored' | 'existing'; manifest?: EntryManifest }> {
    const final = this.entryDir(fingerprint)
    await fs.mkdir(path.dirname(final), { recursive: true })
    for (let attempt = 0; ; attempt++) {
      let renameError: unknown
      try {
        await fs.rename(tmp, final)
        return { kind: 'stored' }
      } catch (err) {
        renameError = err
      }
      // Windows reports an existing target as EPERM/EACCES, POSIX as ENOTEMPTY/EEXIST: ask the store, not the code.
      const theirs = await this.lookup(fingerprint)
      if (theirs.kind === 'found') return { kind: 'existing', manifest: theirs.manifest }
      if (theirs.kind === 'missing' || attempt >= 2) {
        throw new Error(
          `Cannot store module entry ${fingerprint} in ${this.root}: ${errorText(renameError)} (existing entry: ${describe(theirs)})`,
        )
      }
      await this.moveAside(final)
    }
  }

  /** A corrupt entry leaves by rename first, so a concurrent reader sees it whole or not at all. */
  private async moveAside(dir: string): Promise<void> {
    const trash = path.join(this.root, 'tmp', `trash-${randomBytes(6).toString('hex')}`)
    try {
      await fs.rename(dir, trash)
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err
    }
    await fs.rm(trash, { recursive: true, force: true })
  }

  private async listEntries(): Promise<PruneCandidate[]> {
    const entries: PruneCandidate[] = []
    for (const fingerprint of await this.entryNames()) {
      const dir = this.entryDir(fingerprint)
      const manifest = await readManifest(dir, fingerprint)
      // An unreadable manifest counts as unused and zero-duration: it goes first.
      entries.push({ fingerprint, size: await dirSize(dir), durationMs: manifest?.durationMs ?? 0 })
    }
    return entries
  }

  private async entryNames(): Promise<string[]> {
    const names: string[] = []
    // A linked v1/ or prefix dir leads out of the store: its contents are no entries to list or prune.
    if (!(await isPlainDir(path.join(this.root, 'v1')))) return names
    for (const prefix of await listDir(path.join(this.root, 'v1'))) {
      if (!(await isPlainDir(path.join(this.root, 'v1', prefix)))) continue
      for (const name of await listDir(path.join(this.root, 'v1', prefix))) {
        if (FINGERPRINT.test(name) && name.startsWith(prefix)) names.push(name)
      }
    }
    return names
  }

  /** Half-written entries of crashed builds: only names the store gives its temp dirs (a user's file stays). */
  private async removeTemps(): Promise<void> {
    const tmp = path.join(this.root, 'tmp')
    if (!(await isPlainDir(tmp))) return
    for (const name of await listDir(tmp)) if (TEMP_NAME.test(name)) await fs.rm(path.join(tmp, name), { recursive: true, force: true })
    await fs.rmdir(tmp).catch(() => undefined) // only when empty
  }

  /**
   * Prefix dirs emptied by pruning go; anything under v1/ that is not an entry is left alone (it was not written by
   * the store, so the store cannot prove it may delete it).
   */
  private async removeEmptyPrefixes(): Promise<void> {
    const v1 = path.join(this.root, 'v1')
    for (const prefix of await listDir(v1)) if (/^[0-9a-f]{2}$/.test(prefix)) await fs.rmdir(path.join(v1, prefix)).catch(() => undefined)
  }
}

/**
 * Which entries to drop (pure). Every entry not in `used` goes (with `keepUnused`, only as far as the size bound
 * needs, before any used entry). If the rest still exceeds `maxBytes`, entries go in order of build time saved per
 * stored byte, least first: a big entry that was quick to build is the cheapest to lose. With no recorded
 * durations this is simply largest first. Ties: larger first, then by fingerprint.
 */
export function choosePruneVictims(entries: PruneCandidate[], used: Set<string>, maxBytes: number, keepUnused = false): string[] {
  const victims = keepUnused ? [] : entries.filter(e => !used.has(e.fingerprint)).map(e => e.fingerprint)
  const kept = keepUnused ? entries : entries.filter(e => used.has(e.fingerprint))
  let total = kept.reduce((sum, e) => sum + e.size, 0)
  const value = (e: PruneCandidate): number => e.durationMs / Math.max(1, e.size)
  const unusedFirst = (e: PruneCandidate): number => (used.has(e.fingerprint) ? 1 : 0)
  const order = [...kept].sort(
    (a, b) => unusedFirst(a) - unusedFirst(b) || value(a) - value(b) || b.size - a.size || (a.fingerprint < b.fingerprint ? -1 : 1),
  )
  for (const entry of order) {
    if (total <= maxBytes) break
    victims.push(entry.fingerprint)
    total -= entry.size
  }
  return victims
}

async function assembleEntry(
  dir: string,
  fingerprint: string,
  files: { extension: string; generated?: string },
  meta: { module: string; durationMs: number },
): Promise<EntryManifest> {
  const stored: EntryManifest['files'] = {
    extension: await storeFile(checkAbsolute(files.extension, 'extension'), path.join(dir, 'extension')),
  }
  if (files.generated !== undefined)
    stored.generated = await storeFile(checkAbsolute(files.generated, 'generated'), path.join(dir, 'generated'))
  const manifest: EntryManifest = {
    format: MANIFEST_FORMAT,
    fingerprint,
    module: meta.module,
    durationMs: meta.durationMs,
    createdAt: new Date().toISOString(),
    files: stored,
  }
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n')
  return manifest
}

/** Copies one output into the entry; the manifest describes the bytes actually stored. */
async function storeFile(source: string, target: string): Promise<StoredFile> {
  const [bytes, stat] = await Promise.all([fs.readFile(source), fs.stat(source)])
  await fs.writeFile(target, bytes)
  return { name: path.basename(source), sha256: sha256Hex(bytes), size: bytes.length, mode: stat.mode & 0o777 }
}

async function restoreFile(stored: string, file: StoredFile, mode: number, destination: string, what: string): Promise<void> {
  if (await alreadyInPlace(destination, file, mode)) return
  const bytes = await readPlainFile(stored).catch(err => {
    throw new Error(`Cannot restore ${what}: ${errorText(err)}`)
  })
  if (bytes.length !== file.size || sha256Hex(bytes) !== file.sha256)
    throw new Error(`Cannot restore ${what}: the cached file changed since lookup`)
  try {
    await fs.mkdir(path.dirname(destination), { recursive: true })
    // A fixed mode, masked by the umask as a compiler's output is: the manifest's mode is never obeyed.
    await replaceAtomically(destination, temp => fs.writeFile(temp, bytes, { mode, flag: 'wx' }))
  } catch (err) {
    throw new Error(`Cannot restore ${what} to ${destination}: ${errorText(err)}`, { cause: err })
  }
}

/**
 * The same bytes are already there with no more permission than a restore would give (an unchanged module built in
 * this tree): nothing to write.
 */
async function alreadyInPlace(destination: string, file: StoredFile, mode: number): Promise<boolean> {
  try {
    const stat = await fs.lstat(destination) // a symlink there is replaced, as before
    if (!stat.isFile() || stat.size !== file.size || (stat.mode & 0o7777 & ~mode) !== 0) return false
    return sha256Hex(await fs.readFile(destination)) === file.sha256
  } catch {
    return false
  }
}

async function checkStoredFile(dir: string, role: FileRole, file: StoredFile | undefined): Promise<string | undefined> {
  if (!file) return role === 'extension' ? 'the manifest lists no extension file' : undefined
  let bytes: Buffer
  try {
    bytes = await readPlainFile(path.join(dir, role))
  } catch (err) {
    return `${role} file unreadable: ${errorText(err)}`
  }
  if (bytes.length !== file.size) return `${role} file is ${bytes.length} bytes, the manifest says ${file.size}`
  if (sha256Hex(bytes) !== file.sha256) return `${role} file content does not match its recorded sha256`
  return undefined
}

async function readManifest(dir: string, fingerprint: string): Promise<EntryManifest | undefined> {
  try {
    const manifest = parseManifest((await readPlainFile(path.join(dir, 'manifest.json'))).toString('utf8'), fingerprint)
    return typeof manifest === 'string' ? undefined : manifest
  } catch {
    return undefined
  }
}

/** The manifest, or why it cannot be trusted. */
function parseManifest(text: string, fingerprint: string): EntryManifest | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'manifest.json is not valid JSON'
  }
  if (!isRecord(value) || value.format !== MANIFEST_FORMAT) return `manifest.json is not a ${MANIFEST_FORMAT} manifest`
  if (value.fingerprint !== fingerprint) return `manifest.json belongs to fingerprint ${String(value.fingerprint)}`
  if (typeof value.module !== 'string' || typeof value.durationMs !== 'number' || typeof value.createdAt !== 'string')
    return 'manifest.json lacks module, durationMs or createdAt'
  const files = value.files
  if (!isRecord(files) || !isStoredFile(files.extension) || !(files.generated === undefined || isStoredFile(files.generated))) {
    return 'manifest.json has no valid file list'
  }
  return value as unknown as EntryManifest
}

function isStoredFile(value: unknown): value is StoredFile {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.sha256 === 'string' &&
    FINGERPRINT.test(value.sha256) &&
    Number.isInteger(value.size) &&
    Number.isInteger(value.mode)
  )
}

/**
 * A regular file's bytes; a symlink (ELOOP through O_NOFOLLOW, or lstat where the flag does not exist) or anything
 * else that is no regular file is refused: a store file never leads out of the store.
 */
async function readPlainFile(file: string): Promise<Buffer> {
  const noFollow = fs.constants.O_NOFOLLOW
  if (noFollow === undefined && (await fs.lstat(file)).isSymbolicLink())
    throw new Error(`${path.basename(file)} is a symlink (never followed out of the store)`)
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, fs.constants.O_RDONLY | (noFollow ?? 0))
  } catch (err) {
    if (errorCode(err) === 'ELOOP') throw new Error(`${path.basename(file)} is a symlink (never followed out of the store)`, { cause: err })
    throw err
  }
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${path.basename(file)} is not a regular file`)
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

/** A directory from before the marker: only store names at the top, and only prefix dirs in v1/. */
async function isUnmarkedStore(root: string, names: string[]): Promise<boolean> {
  if (!names.every(name => STORE_NAMES.has(name))) return false
  return (await listDir(path.join(root, 'v1'))).every(name => /^[0-9a-f]{2}$/.test(name))
}

async function dirSize(dir: string): Promise<number> {
  let size = 0
  for (const name of await listDir(dir)) {
    const stat = await fs.lstat(path.join(dir, name)).catch(() => undefined)
    if (stat?.isFile()) size += stat.size
  }
  return size
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort()
  } catch {
    return []
  }
}

async function isPlainDir(dir: string): Promise<boolean> {
  return fs.lstat(dir).then(
    stat => stat.isDirectory(),
    () => false,
  )
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  )
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map(key => [key, record[key]]),
  )
}

function checkFingerprint(fingerprint: string): void {
  if (!FINGERPRINT.test(fingerprint))
    throw new Error(`Invalid fingerprint: ${JSON.stringify(fingerprint)}; expected 64 lowercase hex digits (sha256)`)
}

function checkDuration(ms: number, what: string): void {
  if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)) throw new Error(`Invalid ${what}: ${ms}; expected milliseconds >= 0`)
}

function checkAbsolute(file: string, role: string): string {
  if (!path.isAbsolute(file)) throw new Error(`Invalid ${role} path: ${file}; expected an absolute path`)
  return file
}

function describe(result: LookupResult): string {
  return result.kind === 'corrupt' ? result.reason : result.kind === 'found' ? 'intact' : result.kind
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException)?.code
}
