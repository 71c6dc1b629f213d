import * as path from 'node:path'
import type { ModuleSpec } from '../plan/module-spec.js'
import { CachedDiskReader } from './content-hash.js'

/**
 * What a module's build reads, found by content: the cache key must change whenever any of these files does.
 * Two parts: `scanReferences` (pure: what one file names) and a resolver that maps names to files through a
 * tiny `SourceReader`, so it runs on an in-memory tree in tests and on disk for real.
 */

export type SourceKind = 'pyx' | 'pxd' | 'pxi' | 'h'

export type Reference =
  /** `cimport a.b`, `from ..a cimport x, y`: `level` counts the leading dots (0 = absolute). */
  | { type: 'cimport'; level: number; module: string; names: string[] }
  /** `include "file.pxi"` */
  | { type: 'include'; path: string }
  /** `cdef extern from "header.h"`, or a `#include "x.h"` in verbatim C (a triple-quoted string). */
  | { type: 'extern'; header: string }
  /** `#include "x.h"` / `#include <x.h>` in C. */
  | { type: 'c-include'; header: string; angled: boolean }
  /** `# distutils: sources = ...` / `depends = ...` in a file's leading comment block. */
  | { type: 'distutils'; key: 'sources' | 'depends'; path: string }

/** What a file names. Comments and strings are skipped, so a docstring that mentions `cimport x` is no reference. */
export function scanReferences(text: string, kind: SourceKind): Reference[] {
  if (kind === 'h') return scanCIncludes(text)
  return [...scanDistutilsHeader(text), ...scanCython(text)]
}

const C_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\r\n]+)[>"]/gm

function scanCIncludes(text: string): Reference[] {
  const code = text.includes('/*') ? text.replace(/\/\*[\s\S]*?\*\//g, ' ') : text
  return [...code.matchAll(C_INCLUDE)].map(m => ({ type: 'c-include', header: m[2].trim(), angled: m[1] === '<' }))
}

/** Cython reads `# distutils:` lines only in the leading comment block (DistutilsInfo). */
function scanDistutilsHeader(text: string): Reference[] {
  const refs: Reference[] = []
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const line = text.slice(start, end).trim()
    start = end + 1
    if (line === '') continue
    if (!line.startsWith('#')) break
    const m = /^distutils:\s*(sources|depends)\s*=(.*)$/.exec(line.slice(1).trim())
    if (m) for (const item of listItems(m[2])) refs.push({ type: 'distutils', key: m[1] as 'sources' | 'depends', path: item })
  }
  return refs
}

/** Lenient on purpose (commas and/or spaces, optional brackets and quotes): an extra dependency only costs a rebuild. */
function listItems(value: string): string[] {
  return value
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[\s,]+/)
    .map(item => item.replace(/^['"]|['"]$/g, ''))
    .filter(item => item !== '')
}

interface CythonText {
  /** The code with comments dropped, strings as `\0<n>\0`, `\` continuations joined and `;` as a line break. */
  code: string
  strings: string[]
  tripleQuoted: string[]
}

/** A line that may name a file; everything else in the code is skipped without a look. */
const STATEMENT = /^[ \t]*((?:cimport|from|import|include|(?:cdef[ \t]+)?extern)\b[^\n]*)/gm
/** The same on raw text (comments and strings not masked yet), also after a `;`: where the lexer may stop. */
const MAYBE_STATEMENT = /(?:^|;)[ \t]*(?:cimport|from|import|include|(?:cdef[ \t]+)?extern)\b[^\n]*/gm
const STRING = '[A-Za-z]{0,2}\\0(\\d+)\\0'
const CIMPORT = /^cimport\s+(.+)$/
const FROM_CIMPORT = /^from\s+(\.*)\s*([A-Za-z_][\w.]*)?\s+cimport\b\s*(.*)$/
const OPEN_BRACKET_CIMPORT = /^from\s.*\bcimport\s*\([^)]*$/
const CIMPORTS_PACKAGE = /^from\s+cython\.cimports(?:\.([\w.]+))?\s+import\s+(.+)$/
const IMPORT_CIMPORTS = /^import\s+cython\.cimports\.([\w.]+)/
const INCLUDE = new RegExp(`^include\\s*${STRING}`)
const EXTERN = new RegExp(`^(?:cdef\\s+)?extern\\s+from\\s*${STRING}`)

function scanCython(text: string): Reference[] {
  // The lexer only needs to run up to the last line that may be a statement (usually the imports at the top),
  // or over everything when an extern block may hold verbatim C (a triple-quoted string).
  const limit = lexLimit(text)
  if (limit === undefined) return []
  const { code, strings, tripleQuoted } = maskCython(text, limit)
  const refs: Reference[] = []
  for (const m of code.matchAll(STATEMENT)) {
    let line = m[1].trim()
    // `from a cimport (x,` continues up to the closing bracket.
    if (OPEN_BRACKET_CIMPORT.test(line)) {
      const close = code.indexOf(')', m.index)
      line = code.slice(m.index, close < 0 ? code.length : close + 1).replace(/\s+/g, ' ').trim()
    }
    refs.push(...statementReferences(line, strings))
  }
  // `cdef extern from *: """#include "x.h" """` pastes C verbatim into the generated file (any extern block can).
  for (const body of tripleQuoted) {
    // An `#include` needs a `#`: one memchr-fast look skips a big block of verbatim C without any.
    if (body.includes('#') && body.includes('include')) for (const ref of scanCIncludes(body)) if (ref.type === 'c-include') refs.push({ type: 'extern', header: ref.header })
  }
  return refs
}

/** Where the lexer may stop; undefined when no line can be a statement. */
function lexLimit(text: string): number | undefined {
  // Over everything: the first possible statement is enough to know (a big verbatim C block is not searched twice).
  if (/extern\s+from/.test(text) && /"""|'''/.test(text)) return statementStart(text, 'first') === undefined ? undefined : text.length
  const lastStart = statementStart(text, 'last')
  if (lastStart === undefined) return undefined
  // MAYBE_STATEMENT's last match: the first on the line of the last possible statement (a match runs to the line end).
  MAYBE_STATEMENT.lastIndex = text.lastIndexOf('\n', lastStart) + 1
  const last = MAYBE_STATEMENT.exec(text) as RegExpExecArray
  let limit = last.index + last[0].length
  // `from a \` and `from a cimport (x,` go on to later lines.
  while (limit < text.length && /\\\r?$/.test(text.slice(limit - 2, limit))) limit = lineEnd(text, limit + 1)
  if (/\([^)]*$/.test(text.slice(last.index, limit))) limit = text.indexOf(')', limit) + 1 || text.length
  return limit
}

/** The words that may start a statement; checked by looking back, as a regex that starts with a word runs fast. */
const STATEMENT_WORD = /(?:cimport|from|import|include|extern)\b/g

/** The first or last position where MAYBE_STATEMENT could match (the position of its word). */
function statementStart(text: string, which: 'first' | 'last'): number | undefined {
  let found: number | undefined
  STATEMENT_WORD.lastIndex = 0
  for (let m = STATEMENT_WORD.exec(text); m; m = STATEMENT_WORD.exec(text)) {
    if (!startsStatement(text, m.index, m[0])) continue
    found = m.index
    if (which === 'first') break
  }
  return found
}

/** MAYBE_STATEMENT's rule: only blanks (and before `extern`, maybe `cdef` and blanks) since a line start or `;`. */
function startsStatement(text: string, at: number, word: string): boolean {
  const before = blanksBefore(text, at)
  if (afterLineStartOrSemicolon(text, before)) return true
  return word === 'extern' && before < at && before >= 4 && text.startsWith('cdef', before - 4) && afterLineStartOrSemicolon(text, blanksBefore(text, before - 4))
}

function blanksBefore(text: string, at: number): number {
  let i = at
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--
  return i
}

/** `(?:^|;)` with the `m` flag: the text start, after any line terminator, or after a `;`. */
function afterLineStartOrSemicolon(text: string, at: number): boolean {
  if (at === 0) return true
  const ch = text[at - 1]
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === ';'
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from)
  return newline < 0 ? text.length : newline
}

function statementReferences(line: string, strings: string[]): Reference[] {
  let m: RegExpExecArray | null
  if ((m = CIMPORT.exec(line))) return importedNames(m[1]).map(module => ({ type: 'cimport', level: 0, module, names: [] }))
  if ((m = FROM_CIMPORT.exec(line))) {
    return [{ type: 'cimport', level: m[1].length, module: m[2] ?? '', names: importedNames(m[3]) }]
  }
  if ((m = CIMPORTS_PACKAGE.exec(line))) {
    const names = importedNames(m[2])
    if (m[1]) return [{ type: 'cimport', level: 0, module: m[1], names }]
    return names.map(module => ({ type: 'cimport', level: 0, module, names: [] }))
  }
  if ((m = IMPORT_CIMPORTS.exec(line))) return [{ type: 'cimport', level: 0, module: m[1], names: [] }]
  if ((m = INCLUDE.exec(line))) return [{ type: 'include', path: strings[Number(m[1])] }]
  if ((m = EXTERN.exec(line))) return [{ type: 'extern', header: strings[Number(m[1])] }]
  return []
}

/** `a.b as c, (d, e as f)` -> `['a.b', 'd', 'e']`; `*` and anything not a dotted name is dropped. */
function importedNames(list: string): string[] {
  const names: string[] = []
  for (const item of list.replace(/[()]/g, ' ').split(',')) {
    const text = item.trim()
    const as = AS.exec(text) // what split(AS)[0] keeps, without building the other parts
    const name = (as ? text.slice(0, as.index) : text).trim()
    if (DOTTED_NAME.test(name)) names.push(name)
  }
  return names
}

const AS = /\s+as\s+/
const DOTTED_NAME = /^[A-Za-z_][\w.]*$/

/**
 * A small lexer, enough to tell code from comments and strings (Python rules, escapes included). It jumps from
 * one special character to the next and copies plain code in slices: newlines and brackets are not special
 * (an open `from a cimport (x,` is joined by scanCython).
 */
function maskCython(text: string, limit: number): CythonText {
  const out: CythonText = { code: '', strings: [], tripleQuoted: [] }
  const parts: string[] = []
  const special = /[#'"\\;]/g
  let i = 0
  for (let m = next(special, text, i); m >= 0 && m < limit; m = next(special, text, i)) {
    parts.push(text.slice(i, m))
    const ch = text[m]
    i = m + 1
    if (ch === '#') {
      const end = text.indexOf('\n', m)
      i = end < 0 ? text.length : end
    } else if (ch === '"' || ch === "'") {
      const { body, end, triple } = readString(text, m)
      out.strings.push(body)
      if (triple) out.tripleQuoted.push(body)
      parts.push(`\0${out.strings.length - 1}\0`)
      i = end
    } else if (ch === ';') {
      parts.push('\n')
    } else if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      parts.push(' ') // a `\` continuation
      i += text[i] === '\n' ? 1 : 2
    } else {
      parts.push(ch)
    }
  }
  parts.push(text.slice(i, Math.max(i, limit)))
  out.code = parts.join('')
  return out
}

function next(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from
  return pattern.exec(text)?.index ?? -1
}

const STRING_STOPS: Record<string, RegExp> = { "'": /[\\'\n]/g, '"': /[\\"\n]/g }

function readString(text: string, start: number): { body: string; end: number; triple: boolean } {
  const quote = text[start]
  if (text.startsWith(quote.repeat(3), start)) return readTripleQuoted(text, start)
  const stops = STRING_STOPS[quote]
  for (let at = next(stops, text, start + 1); at >= 0; at = next(stops, text, at + 2)) {
    if (text[at] === '\\') continue // skips the escaped character
    // Closed by its quote; unterminated at the line end, as Python's error would have it.
    return { body: text.slice(start + 1, at), end: text[at] === '\n' ? at : at + 1, triple: false }
  }
  return { body: text.slice(start + 1), end: text.length, triple: false }
}

/**
 * The same rules for a triple-quoted string, by `indexOf` (a big verbatim C block is scanned at memchr speed): it
 * ends at the first closing triple quote that no backslash escapes.
 */
function readTripleQuoted(text: string, start: number): { body: string; end: number; triple: boolean } {
  const closing = text[start].repeat(3)
  let at = start + 3
  let close = text.indexOf(closing, at)
  for (let escape = text.indexOf('\\', at); escape >= 0 && (close < 0 || escape < close); escape = text.indexOf('\\', at)) {
    at = escape + 2
    if (close >= 0 && close < at) close = text.indexOf(closing, at)
  }
  if (close < 0) return { body: text.slice(start + 3), end: text.length, triple: true }
  return { body: text.slice(start + 3, close), end: close + 3, triple: true }
}

// ---------------------------------------------------------------------------------------------------------------
// Resolver

/**
 * The file system as the resolver sees it. `realPath` (optional) lets it see through symlink loops; `listDir`
 * (optional) finds Cython 3's versioned `name.cython-30.pxd` files (without it only `.cython-30` is tried).
 */
export interface SourceReader {
  readFile(path: string): string | undefined
  realPath?(path: string): string | undefined
  listDir?(dir: string): readonly string[] | undefined
}

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

/** Sorted, de-duplicated keys of every file the module's build reaches, source included. */
export function scanModuleDependencies(spec: ModuleSpec, opts: ScanOptions, fs?: SourceReader): string[] {
  return scanModuleFiles(spec, opts, fs).map(file => file.key)
}

/**
 * As `scanModuleDependencies`, with the path of each file. Pass the same reader for all modules of one build:
 * reads and scans are cached per reader, so a shared `.pxd` is read and scanned once.
 */
export function scanModuleFiles(spec: ModuleSpec, opts: ScanOptions, fs: SourceReader = new CachedDiskReader()): DependencyFile[] {
  const scan = new ModuleScan(spec, opts, fs)
  return scan.run()
}

/** The absolute path a key stands for (the inverse of the key naming), for callers that kept only keys. */
export function dependencyPath(key: string, opts: ScanOptions, moduleIncludeDirs: string[] = []): string {
  const wd = path.resolve(opts.workingDirectory)
  const m = /^<(include|module-include|python-path):(\d+)>\/(.*)$/.exec(key)
  if (!m) return key.startsWith('<outside>/') ? path.resolve('/', key.slice('<outside>/'.length)) : path.resolve(wd, key)
  const dirs = m[1] === 'include' ? opts.includeDirs : m[1] === 'python-path' ? (opts.pythonPath ?? []) : moduleIncludeDirs
  const dir = dirs[Number(m[2])]
  if (dir === undefined) throw new Error(`Invalid dependency key: ${key} names include dir ${m[2]}, but only ${dirs.length} are given`)
  return path.resolve(wd, dir, m[3])
}

/**
 * Per reader (one build): what each file names, where names were found, and each file's direct edges. Modules
 * share most of their `.pxd`s, so after the first few modules a scan is mostly map lookups. Memo keys carry a
 * small id for the search context (working dir, include dirs) rather than the long dir strings.
 */
interface BuildCache {
  references: Map<string, Reference[] | null>
  contextIds: Map<string, number>
  probes: Map<string, string[]>
  pxds: Map<string, Visit[]>
  /** Per dir: its entries, and its `.pxd` files by stem. */
  pxdIndex: Map<string, DirIndex>
  cimports: Map<string, Visit[]>
  edges: WeakMap<Visit, Map<number, Visit[]>>
  /** Per base context id: path -> key (nested maps: no key string to build per lookup). */
  keys: Map<number, Map<string, string>>
}

const buildCaches = new WeakMap<SourceReader, BuildCache>()

function buildCacheFor(fs: SourceReader): BuildCache {
  let cache = buildCaches.get(fs)
  if (!cache) {
    cache = { references: new Map(), contextIds: new Map(), probes: new Map(), pxds: new Map(), pxdIndex: new Map(), cimports: new Map(), edges: new WeakMap(), keys: new Map() }
    buildCaches.set(fs, cache)
  }
  return cache
}

function contextId(cache: BuildCache, dirs: string[]): number {
  return memoized(cache.contextIds, dirs.join('\0'), () => cache.contextIds.size)
}

function cachedReferences(fs: SourceReader, cache: BuildCache, file: string, kind: SourceKind): Reference[] | null {
  return memoized(cache.references, `${kind}\0${file}`, () => {
    const text = fs.readFile(file)
    return text === undefined ? null : scanReferences(text, kind)
  })
}

function memoized<K, T>(map: Map<K, T>, key: K, compute: () => T): T {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = compute()))
  return value
}

/** The search lists of the resolver; `here` is the referring file's dir. */
type SearchList = 'include' | 'extern' | 'c-quoted' | 'c-angled' | 'sources'

class ModuleScan {
  private readonly wd: string
  private readonly includeDirs: string[]
  private readonly pythonPath: string[]
  private readonly moduleIncludeDirs: string[]
  private readonly sourceDirs: string[]
  private readonly found = new Map<string, DependencyFile>()
  private readonly queue: Visit[] = []
  /** This module's own outputs: never inputs, or building would change the fingerprint. */
  private readonly outputs: Set<string>
  private readonly cache: BuildCache
  /** Ids of what resolution depends on besides the file: the dirs (`base`), plus the module's dirs for externs. */
  private readonly baseId: number
  private readonly moduleId: number

  constructor(
    private readonly spec: ModuleSpec,
    opts: ScanOptions,
    private readonly fs: SourceReader,
  ) {
    const resolved = resolvedOptions(opts)
    this.wd = resolved.wd
    this.includeDirs = resolved.includeDirs
    this.pythonPath = resolved.pythonPath
    this.moduleIncludeDirs = [...(spec.cythonIncludeDirs ?? []), ...spec.directives.includeDirs].map(dir => path.resolve(this.wd, dir))
    this.sourceDirs = unique([path.dirname(this.abs(spec.source)), path.dirname(this.abs(spec.generated))])
    this.outputs = new Set([this.abs(spec.output), ...(spec.kind === 'c' ? [] : [this.abs(spec.generated)])])
    this.cache = buildCacheFor(fs)
    this.baseId = contextId(this.cache, [this.wd, ...this.includeDirs, '', ...this.moduleIncludeDirs, '', ...this.pythonPath])
    this.moduleId = contextId(this.cache, [String(this.baseId), ...this.sourceDirs])
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
    let byContext = this.cache.edges.get(visit)
    if (!byContext) this.cache.edges.set(visit, (byContext = new Map()))
    return memoized(byContext, this.moduleId, () => (cachedReferences(this.fs, this.cache, visit.path, kind) ?? []).flatMap(ref => this.resolve(ref, visit)))
  }

  private enqueue(visit: Visit): void {
    if (visit.path.length > MAX_PATH_LENGTH || this.outputs.has(visit.path)) return
    const identity = this.fs.realPath?.(visit.path) ?? visit.path
    if (this.found.has(identity)) return
    if (this.found.size >= MAX_FILES_PER_MODULE) {
      throw new Error(`Dependency scan of module ${this.spec.name} reached ${MAX_FILES_PER_MODULE} files: is there a symlink loop under ${this.wd}?`)
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
    return memoized(this.cache.cimports, key, () => this.cimportTargets(ref, from))
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
    return memoized(this.cache.pxds, key, () => this.probePxd(qualified, unique([root, this.wd, ...this.allIncludeDirs(), ...this.pythonPath])))
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
    let index = this.cache.pxdIndex.get(dir)
    if (!index) this.cache.pxdIndex.set(dir, (index = pxdIndex(this.fs.listDir(dir))))
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
    return memoized(this.cache.probes, key, () => this.probe(this.searchDirs(list, here), name))
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
    const keys = memoized(this.cache.keys, this.baseId, () => new Map<string, string>())
    return memoized(keys, file, () => this.computeKey(file))
  }

  private computeKey(file: string): string {
    const inside = file.startsWith(this.wd + path.sep) ? file.slice(this.wd.length + 1) : undefined
    if (inside !== undefined && !NEEDS_NORMALIZING.test(inside)) return toSlash(inside) // the common case, without path.relative
    const bases: Array<[string, string]> = [
      ['', this.wd],
      ...this.includeDirs.map((dir, i): [string, string] => [`<include:${i}>/`, dir]),
      ...this.moduleIncludeDirs.map((dir, i): [string, string] => [`<module-include:${i}>/`, dir]),
      ...this.pythonPath.map((dir, i): [string, string] => [`<python-path:${i}>/`, dir]),
    ]
    let best: { key: string; ups: number } | undefined
    for (const [label, base] of bases) {
      const rel = path.relative(base, file)
      if (path.isAbsolute(rel)) continue // another drive (Windows)
      const ups = rel.split(path.sep).filter(part => part === '..').length
      if (!best || ups < best.ups) best = { key: label + toSlash(rel), ups }
      if (ups === 0) break
    }
    return best?.key ?? '<outside>/' + toSlash(file.slice(path.parse(file).root.length))
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

const resolvedCache = new WeakMap<ScanOptions, ResolvedOptions>()

/** The options with absolute dirs, once per options object (path.resolve is a cost per module otherwise). */
function resolvedOptions(opts: ScanOptions): ResolvedOptions {
  let resolved = resolvedCache.get(opts)
  if (!resolved) {
    const wd = path.resolve(opts.workingDirectory)
    const pythonPath = (opts.pythonPath ?? []).map(dir => path.resolve(wd, dir))
    resolved = { wd, includeDirs: opts.includeDirs.map(dir => path.resolve(wd, dir)), pythonPath }
    resolvedCache.set(opts, resolved)
  }
  return resolved
}

const NEEDS_NORMALIZING = /(^|[/\\])\.{0,2}([/\\]|$)/

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

function toSlash(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/')
}
