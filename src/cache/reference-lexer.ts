import { leadingCommentLines } from '../plan/leading-comments.js'

/**
 * The Cython reference lexer: what one file names (cimports, includes, extern headers, C `#include`s, `# distutils:`
 * sources and depends). Pure text in, references out; the resolver (dependency-scan.ts) maps them to files.
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
  for (const comment of leadingCommentLines(text)) {
    const m = /^distutils:\s*(sources|depends)\s*=(.*)$/.exec(comment)
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
      line = code
        .slice(m.index, close < 0 ? code.length : close + 1)
        .replace(/\s+/g, ' ')
        .trim()
    }
    refs.push(...statementReferences(line, strings))
  }
  // `cdef extern from *: """#include "x.h" """` pastes C verbatim into the generated file (any extern block can).
  for (const body of tripleQuoted) {
    // An `#include` needs a `#`: one memchr-fast look skips a big block of verbatim C without any.
    if (body.includes('#') && body.includes('include'))
      for (const ref of scanCIncludes(body)) if (ref.type === 'c-include') refs.push({ type: 'extern', header: ref.header })
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
  return (
    word === 'extern' &&
    before < at &&
    before >= 4 &&
    text.startsWith('cdef', before - 4) &&
    afterLineStartOrSemicolon(text, blanksBefore(text, before - 4))
  )
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
