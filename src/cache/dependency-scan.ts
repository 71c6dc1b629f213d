import * as path from 'node:path'

import type { ModuleSpec } from '../plan/module-spec.js'
import { DiskSourceReader } from './content-hash.js'
import { dependencyKey, type KeyBases, NEEDS_NORMALIZING } from './dependency-keys.js'
import { type Reference, scanReferences, type SourceKind } from './reference-lexer.js'
import type { SourceReader } from './source-reader.js'

/**
 * What a module's build reads, found by content: the cache key must change whenever any of these files does.
 * Two parts: `scanReferences` (reference-lexer.ts, pure: what one file names) and this resolver, which maps names
 * to files through a tiny `SourceReader`, so it runs on an in-memory tree in tests and on disk for real. How a found
 * file is named in the fingerprint is dependency-keys.ts.
 */

export interface ScanOptions {
  workingDirectory: string
  /** Cython include path / compiler `-I` dirs shared by all modules (absolute, or relative to the working dir). */
  includeDirs: string[]
  /**
   * The interpreter's `sys.path` dirs (absolute), where Cython looks for a `.pxd` last: an installed package's
   * `.pxd` (numpy's, scipy's, cuda-python's) is an input too, or upgrading the package would serve stale modules.
   */
  pythonPath?: string[]
}

export interface DependencyFile {
  /**
   * Relative to the working dir with `/`; for a file outside it, `<include:N>/rel` under `includeDirs[N]`,
   * `<module-include:N>/rel` under the module's `include_dirs` directive, or `<python-path:N>/rel` under
   * `pythonPath[N]` (whichever needs the fewest `..`).
   */
  key: string
  /** Where the file was read (absolute): for hashing only, never part of a fingerprint. */
  path: string
}

/** One file to scan, with the package it belongs to (for relative cimports) and that package's root dir. */
interface Visit {
  path: string
  kind: SourceKind | null
  pkg: string[]
  root: string
}

/** Guards against pathological trees (a loop the reader cannot see through): a module never reaches this many. */
const MAX_FILES_PER_MODULE = 20000
const MAX_PATH_LENGTH = 4096

/**
 * The resolver for one build: scans module after module with one reader and one memo, so a `.pxd` that many
 * modules share is read and scanned once. Drop it with the build (the memo holds every file's references).
 */
export class DependencyResolver {
  private readonly memo = new ScanMemo()
  private readonly dirs: ResolvedOptions

  constructor(
    opts: ScanOptions,
    private readonly reader: SourceReader = new DiskSourceReader(),
  ) {
    this.dirs = resolvedOptions(opts)
  }

  /** Every file the module's build reaches, source included, sorted by key. */
  filesOf(spec: ModuleSpec): DependencyFile[] {
    return new ModuleScan(spec, this.dirs, this.reader, this.memo).run()
  }

  /** Sorted, de-duplicated keys of `filesOf`. */
  keysOf(spec: ModuleSpec): string[] {
    return this.filesOf(spec).map(file => file.key)
  }
}

/** Sorted, de-duplicated keys of every file one module's build reaches (a resolver of its own: no memo shared). */
export function scanModuleDependencies(spec: ModuleSpec, opts: ScanOptions, reader?: SourceReader): string[] {
  return new DependencyResolver(opts, reader).keysOf(spec)
}

/**
 * One build's memo: what each file names, where names were found, and each file's direct edges. Modules share
 * most of their `.pxd`s, so after the first few modules a scan is mostly map lookups. Memo keys carry a small id
 * for the search context (working dir, include dirs) rather than the long dir strings.
 */
class ScanMemo {
  readonly references = new Map<string, Reference[] | null>()
  readonly contextIds = new Map<string, number>()
  readonly probes = new Map<string, string[]>()
  readonly pxds = new Map<string, Visit[]>()
  /** Per dir: its entries, and its `.pxd` files by stem. */
  readonly pxdIndex = new Map<string, DirIndex>()
  readonly cimports = new Map<string, Visit[]>()
  readonly edges = new Map<Visit, Map<number, Visit[]>>()
  /** Per base context id: path -> key (nested maps: no key string to build per lookup). */
  readonly keys = new Map<number, Map<string, string>>()

  contextId(dirs: string[]): number {
    return memoized(this.contextIds, dirs.join('\0'), () => this.contextIds.size)
  }

  referencesOf(reader: SourceReader, file: string, kind: SourceKind): Reference[] | null {
    return memoized(this.references, `${kind}\0${file}`, () => {
      const text = reader.readFile(file)
      return text === undefined ? null : scanReferences(text, kind)
    })
  }
}

function memoized<K, T>(map: Map<K, T>, key: K, compute: () => T): T {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = compute()))
  return value
}

/** The search lists of the resolver; `here` is the referring file's dir. */
type SearchList = 'include' | 'extern' | 'c-quoted' | 'c-angled' | 'sources'

class ModuleScan implements KeyBases {
  readonly wd: string
  readonly includeDirs: string[]
  readonly pythonPath: string[]
  readonly moduleIncludeDirs: string[]
  private readonly sourceDirs: string[]
  private readonly found = new Map<string, DependencyFile>()
  private readonly queue: Visit[] = []
  /** This module's own outputs: never inputs, or building would change the fingerprint. */
  private readonly outputs: Set<string>
  /** Ids of what resolution depends on besides the file: the dirs (`base`), plus the module's dirs for externs. */
  private readonly baseId: number
  private readonly moduleId: number

  constructor(
    private readonly spec: ModuleSpec,
    resolved: ResolvedOptions,
    private readonly fs: SourceReader,
    private readonly memo: ScanMemo,
  ) {
    this.wd = resolved.wd
    this.includeDirs = resolved.includeDirs
    this.pythonPath = resolved.pythonPath
    this.moduleIncludeDirs = [...(spec.cythonIncludeDirs ?? []), ...spec.directives.includeDirs].map(dir => path.resolve(this.wd, dir))
    this.sourceDirs = unique([path.dirname(this.abs(spec.source)), path.dirname(this.abs(spec.generated))])
    this.outputs = new Set([this.abs(spec.output), ...(spec.kind === 'c' ? [] : [this.abs(spec.generated)])])
    this.baseId = this.memo.contextId([this.wd, ...this.includeDirs, '', ...this.moduleIncludeDirs, '', ...this.pythonPath])
    this.moduleId = this.memo.contextId([String(this.baseId), ...this.sourceDirs])
  }

  run(): DependencyFile[] {
    const source = this.abs(this.spec.source)
    if (this.fs.readFile(source) === undefined) {
      throw new Error(`Cannot read the source of module ${this.spec.name}: ${this.spec.source} (relative to ${this.wd})`)
    }
    for (const visit of this.startingPoints(source)) this.enqueue(visit)
    for (let visit = this.queue.pop(); visit; visit = this.queue.pop()) {
      for (const next of this.edgesFrom(visit)) this.enqueue(next)
    }
    return [...this.found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  /** The source, its own `.pxd` (and the packages' `__init__.pxd`), and the C sources the directives list. */
  private startingPoints(source: string): Visit[] {
    const parts = this.spec.name.split('.')
    const pkg = parts.slice(0, -1)
    const root = stripDirs(path.dirname(source), pkg.length) ?? path.dirname(source)
    const sources = this.spec.directives.sources.flatMap(file => this.existing('sources', path.dirname(source), file)).map(plainVisit)
    if (this.spec.kind === 'c') return [{ path: source, kind: 'h', pkg, root }, ...sources]
    return [{ path: source, kind: 'pyx', pkg, root }, ...this.findPxd(parts, root), ...sources]
  }

  /** What a file reaches directly; the same Visit object (a shared `.pxd`) resolves once per context. */
  private edgesFrom(visit: Visit): Visit[] {
    const kind = visit.kind
    if (kind === null) return []
    let byContext = this.memo.edges.get(visit)
    if (!byContext) this.memo.edges.set(visit, (byContext = new Map()))
    return memoized(byContext, this.moduleId, () =>
      (this.memo.referencesOf(this.fs, visit.path, kind) ?? []).flatMap(ref => this.resolve(ref, visit)),
    )
  }

  private enqueue(visit: Visit): void {
    if (visit.path.length > MAX_PATH_LENGTH || this.outputs.has(visit.path)) return
    const identity = this.fs.realPath?.(visit.path) ?? visit.path
    if (this.found.has(identity)) return
    if (this.found.size >= MAX_FILES_PER_MODULE) {
      throw new Error(
        `Dependency scan of module ${this.spec.name} reached ${MAX_FILES_PER_MODULE} files: is there a symlink loop under ${this.wd}?`,
      )
    }
    this.found.set(identity, { key: this.keyFor(visit.path), path: visit.path })
    this.queue.push(visit)
  }

  private resolve(ref: Reference, from: Visit): Visit[] {
    if (ref.type === 'cimport') return this.resolveCimport(ref, from)
    const here = path.dirname(from.path)
    switch (ref.type) {
      case 'include':
        return this.existing('include', here, ref.path).map(file => ({ ...from, path: file, kind: 'pxi' }))
      case 'extern':
        if (ref.header === '*' || ref.header.startsWith('<')) return []
        return this.existing('extern', here, ref.header).map(plainVisit)
      case 'c-include':
        return this.existing(ref.angled ? 'c-angled' : 'c-quoted', here, ref.header).map(plainVisit)
      case 'distutils':
        return this.existing('include', here, ref.path).map(plainVisit)
    }
  }

  /**
   * Every `.pxd` Cython could pick, not just the first: 0.29 tries the module's own package first (implicit
   * relative), 3.x does not, so keying on both never misses a change (an extra file only costs a rebuild).
   */
  private resolveCimport(ref: Extract<Reference, { type: 'cimport' }>, from: Visit): Visit[] {
    const key = `${this.baseId}\0${from.root}\0${from.pkg.join('.')}\0${ref.level}\0${ref.module}\0${ref.names.join(',')}`
    return memoized(this.memo.cimports, key, () => this.cimportTargets(ref, from))
  }

  private cimportTargets(ref: Extract<Reference, { type: 'cimport' }>, from: Visit): Visit[] {
    const module = ref.module === '' ? [] : ref.module.split('.')
    let qualified: string[][]
    if (ref.level > 0) {
      const up = ref.level - 1
      if (up > from.pkg.length) return []
      qualified = [[...from.pkg.slice(0, from.pkg.length - up), ...module]]
    } else {
      qualified = from.pkg.length > 0 ? [module, [...from.pkg, ...module]] : [module]
    }
    const names = ref.names.map(name => name.split('.'))
    const targets = qualified.flatMap(q => [q, ...names.map(name => [...q, ...name])]).filter(q => q.length > 0)
    return targets.flatMap(q => this.findPxd(q, from.root))
  }

  /** `a/b.pxd`, `a/b/__init__.pxd`, Cython's flat `a.b.pxd`, and `a/__init__.pxd` of the packages on the way. */
  private findPxd(qualified: string[], root: string): Visit[] {
    const key = `${this.baseId}\0${root}\0${qualified.join('.')}`
    // Cython's order: the importing file's root package dir, the working dir (cythonize's `.`), includes, sys.path.
    return memoized(this.memo.pxds, key, () =>
      this.probePxd(qualified, unique([root, this.wd, ...this.allIncludeDirs(), ...this.pythonPath])),
    )
  }

  private probePxd(qualified: string[], dirs: string[]): Visit[] {
    const last = qualified.length - 1
    const pkg = qualified.slice(0, -1)
    const visits: Visit[] = []
    // Plain loops and concatenation (the parts are identifiers, `root` is resolved): this runs once per module.
    const probe = (root: string, parts: string[], stem: string, filePkg: string[]): void => {
      const dir = parts.length === 0 ? root : root + path.sep + parts.join(path.sep)
      for (const file of this.pxdFiles(dir, stem)) visits.push({ path: file, kind: 'pxd', pkg: filePkg, root })
    }
    for (const root of dirs) {
      if (!this.mayHold(root, qualified)) continue
      probe(root, [], qualified.join('.'), pkg)
      probe(root, qualified, '__init__', qualified)
      if (last > 0) probe(root, pkg, qualified[last], pkg)
      for (let depth = 1; depth <= last; depth++) probe(root, qualified.slice(0, depth), '__init__', qualified.slice(0, depth))
    }
    return visits
  }

  /** `stem.pxd`, and Cython 3's versioned `stem.cython-30.pxd` (it takes the highest not above its own version). */
  /**
   * Whether `root` can hold a `.pxd` for `a.b.c` at all: an entry `a` (dir) or a flat `a.b.c[.cython-N].pxd`. Saves
   * the probes of every variant in dirs that cannot match, such as each sys.path dir for each module's own `.pxd`.
   * Compared without case, as a case-insensitive file system would match (a false "maybe" only costs the probes).
   */
  private mayHold(root: string, qualified: string[]): boolean {
    const index = this.dirIndex(root)
    return index === undefined || index.folded.has(qualified[0].toLowerCase()) || index.foldedStems.has(qualified.join('.').toLowerCase())
  }

  /** The listing of `dir` (memoized per build), or undefined when the reader cannot list dirs. */
  private dirIndex(dir: string): DirIndex | undefined {
    if (!this.fs.listDir) return undefined
    let index = this.memo.pxdIndex.get(dir)
    if (!index) this.memo.pxdIndex.set(dir, (index = pxdIndex(this.fs.listDir(dir))))
    return index
  }

  private pxdFiles(dir: string, stem: string): string[] {
    let names: readonly string[]
    const index = this.dirIndex(dir)
    if (index) {
      names = index.pxds.get(stem) ?? []
    } else {
      names = [`${stem}.pxd`, `${stem}.cython-30.pxd`]
    }
    const files: string[] = []
    for (const name of names) {
      const file = joinName(dir, name)
      if (this.fs.readFile(file) !== undefined) files.push(file)
    }
    return files
  }

  /** Where a named file may be, in search order; every existing candidate counts (see resolveCimport). */
  private searchDirs(list: SearchList, here: string): string[] {
    switch (list) {
      case 'include':
        return [here, this.wd, ...this.allIncludeDirs()]
      case 'extern': // the C compiler looks next to the generated file; cythonize adds the .pxd's dir
        return [here, ...this.sourceDirs, ...this.allIncludeDirs()]
      case 'c-quoted':
        return [here, ...this.allIncludeDirs()]
      case 'c-angled':
        return this.allIncludeDirs()
      case 'sources':
        return [this.wd, here]
    }
  }

  private allIncludeDirs(): string[] {
    return [...this.includeDirs, ...this.moduleIncludeDirs]
  }

  private existing(list: SearchList, here: string, name: string): string[] {
    const key = `${list}\0${list === 'extern' ? this.moduleId : this.baseId}\0${here}\0${name}`
    return memoized(this.memo.probes, key, () => this.probe(this.searchDirs(list, here), name))
  }

  private probe(dirs: string[], name: string): string[] {
    if (name === '') return []
    if (path.isAbsolute(name)) return this.fs.readFile(name) === undefined ? [] : [path.normalize(name)]
    return unique(dirs.map(dir => path.join(dir, name))).filter(file => this.fs.readFile(file) !== undefined)
  }

  private abs(relative: string): string {
    return joinUnder(this.wd, relative)
  }

  /** Stable across checkouts and machines: relative to the working dir, else to the include dir it lies under. */
  private keyFor(file: string): string {
    const keys = memoized(this.memo.keys, this.baseId, () => new Map<string, string>())
    return memoized(keys, file, () => dependencyKey(file, this))
  }
}

const PXD_NAME = /^(.+?)(?:\.cython-\d+)?\.pxd$/

/** A dir's entries, and its `.pxd` files by stem (`__init__` -> `__init__.pxd`, `__init__.cython-30.pxd`). */
interface DirIndex {
  pxds: Map<string, string[]>
  /** Entry names and `.pxd` stems, lower-cased. */
  folded: Set<string>
  foldedStems: Set<string>
}

function pxdIndex(names: readonly string[] | undefined): DirIndex {
  const pxds = new Map<string, string[]>()
  for (const name of names ?? []) {
    const m = PXD_NAME.exec(name)
    if (m) pxds.set(m[1], [...(pxds.get(m[1]) ?? []), name])
  }
  const folded = new Set((names ?? []).map(name => name.toLowerCase()))
  return { pxds, folded, foldedStems: new Set([...pxds.keys()].map(stem => stem.toLowerCase())) }
}

interface ResolvedOptions {
  wd: string
  includeDirs: string[]
  pythonPath: string[]
}

/** The options with absolute dirs, once per resolver (path.resolve is a cost per module otherwise). */
function resolvedOptions(opts: ScanOptions): ResolvedOptions {
  const wd = path.resolve(opts.workingDirectory)
  const pythonPath = (opts.pythonPath ?? []).map(dir => path.resolve(wd, dir))
  return { wd, includeDirs: opts.includeDirs.map(dir => path.resolve(wd, dir)), pythonPath }
}

/** `path.resolve(base, relative)` for an absolute `base`, by concatenation when `relative` is already clean. */
function joinUnder(base: string, relative: string): string {
  if (path.isAbsolute(relative) || NEEDS_NORMALIZING.test(relative)) return path.resolve(base, relative)
  return joinName(base, path.sep === '/' ? relative : relative.replaceAll('/', path.sep))
}

function joinName(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name
}

function plainVisit(file: string): Visit {
  return { path: file, kind: kindOf(file), pkg: [], root: '' }
}

/** How to scan a file named by `depends`/`sources`/`#include`; unknown types count by content only. */
function kindOf(file: string): SourceKind | null {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.pxd') return 'pxd'
  if (ext === '.pxi' || ext === '.pyx') return 'pxi'
  if (['.h', '.hh', '.hpp', '.hxx', '.c', '.cc', '.cpp', '.cxx', '.inc', '.inl', ''].includes(ext)) return 'h'
  return null
}

/** `a/b/c` minus its last `count` dirs, or undefined when the path is not that deep. */
function stripDirs(dir: string, count: number): string | undefined {
  let result = dir
  for (let i = 0; i < count; i++) {
    const parent = path.dirname(result)
    if (parent === result) return undefined
    result = parent
  }
  return result
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
