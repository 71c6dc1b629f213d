/**
 * Reads the captured output of one module's build (Cython, then the C compiler and linker) into diagnostics.
 * Pure: text in, data out. Unrecognised lines are ignored, so a whole build log can be passed as it is.
 *
 * Columns come out 1-based for every tool, as GitHub annotations want them: Cython prints its column
 * 0-based (the `^` of Cython 3 sits that many spaces in), gcc, clang and MSVC print it 1-based.
 */
import type { Diagnostic, DiagnosticTool, Severity } from './diagnostic.js'

export interface ParseOptions {
  /** Which C compiler produced `file:L:C: error:` lines; guessed from the output when absent. */
  cCompiler?: 'gcc' | 'clang'
}

/** A diagnostic plus whether it only summarises others (`collect2: error: ld returned 1 exit status`). */
interface Found {
  diagnostic: Diagnostic
  summary?: boolean
}

interface Cursor {
  lines: string[]
  index: number
  cTool: DiagnosticTool
  /** Lines that belong to the next diagnostic (`In file included from`, ld's `in function` line). */
  pending: string[]
}

/** Consumes the line at `cur.index` (and any that belong to it); returns what it found, or null. */
type Matcher = (cur: Cursor) => Found | null

// eslint-disable-next-line no-control-regex -- ESC starts the colour codes a compiler prints; they are stripped here
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g

export function parseDiagnostics(output: string, options: ParseOptions = {}): Diagnostic[] {
  if (typeof output !== 'string') {
    throw new TypeError(`parseDiagnostics: output must be a string (captured stdout+stderr), got ${typeof output}`)
  }
  const lines = output.replace(ANSI, '').replace(/\r\n?/g, '\n').split('\n')
  const cur: Cursor = { lines, index: 0, cTool: options.cCompiler ?? guessCCompiler(lines), pending: [] }
  const found: Found[] = []
  while (cur.index < lines.length) {
    const hit = firstMatch(cur)
    if (hit) found.push(hit)
    else {
      if (!isKeptWhilePending(lines[cur.index])) cur.pending = []
      cur.index++
    }
  }
  return deduplicate(dropRedundantSummaries(found))
}

/** The first error, preferring one with a line (the one worth putting on a pull request). */
export function firstError(diags: readonly Diagnostic[]): Diagnostic | undefined {
  const errors = diags.filter(d => d.severity === 'error')
  return errors.find(d => d.file !== '' && d.line !== undefined) ?? errors[0]
}

const MATCHERS: Matcher[] = [
  cythonErrorBlock,
  cythonMessage,
  cythonBareLocation,
  pythonWarning,
  cythonCompileErrorException,
  includeChain,
  compilerLocated,
  msvcLocated,
  msvcToolLevel,
  ldLocated,
  ldTool,
  compilerDriver,
]

function firstMatch(cur: Cursor): Found | null {
  for (const matcher of MATCHERS) {
    const hit = matcher(cur)
    if (hit) return hit
  }
  return null
}

// ---------------------------------------------------------------- Cython

const CYTHON_LOCATION = /^(.+?):(\d+):(\d+): (.*)$/
const DASHES = /^-{20,}$/

/**
 * `Error compiling Cython file:`, a dashed block with the source and `^`, then `path:L:C: message`.
 * Cython 0.29 leaves a blank line before the location line, Cython 3 does not.
 */
function cythonErrorBlock(cur: Cursor): Found | null {
  const { lines } = cur
  if (lines[cur.index] !== 'Error compiling Cython file:') return null
  let i = cur.index + 1
  if (!DASHES.test(lines[i] ?? '')) return null
  const context: string[] = []
  for (i++; i < lines.length && !DASHES.test(lines[i]); i++) context.push(lines[i])
  i++
  while (i < lines.length && lines[i].trim() === '') i++
  const m = CYTHON_LOCATION.exec(lines[i] ?? '')
  if (!m) return null
  cur.index = i + 1
  return { diagnostic: cythonDiagnostic(m[1], m[2], m[3], 'error', m[4], context) }
}

const CYTHON_PREFIXED = /^(warning|note|performance hint): (.+?):(\d+):(\d+): (.*)$/

/** `warning: path:L:C: msg`, `note: ...`, and Cython 3's `performance hint: ...` with its indented advice. */
function cythonMessage(cur: Cursor): Found | null {
  const m = CYTHON_PREFIXED.exec(cur.lines[cur.index])
  if (!m) return null
  const context: string[] = []
  let i = cur.index + 1
  for (; i < cur.lines.length && /^(\s+\S|Possible solutions:)/.test(cur.lines[i]); i++) context.push(cur.lines[i])
  cur.index = i
  const severity: Severity = m[1] === 'warning' ? 'warning' : 'note'
  return { diagnostic: cythonDiagnostic(m[2], m[3], m[4], severity, m[5], context) }
}

/** A location line on its own (some Cython versions repeat the block's last line as a summary). */
function cythonBareLocation(cur: Cursor): Found | null {
  const m = /^(.+?\.(?:pyx|pxd|pxi)):(\d+):(\d+): (.*)$/.exec(cur.lines[cur.index])
  if (!m || /^(fatal error|error|warning|note): /.test(m[4])) return null
  cur.index++
  return { diagnostic: cythonDiagnostic(m[1], m[2], m[3], 'error', m[4], []) }
}

/** Cython 0.29's `Main.py:369: FutureWarning: ... File: /abs/path.pyx` and the source line Python adds. */
function pythonWarning(cur: Cursor): Found | null {
  const m = /^.+?:\d+: (\w*Warning): (.*) File: (.+)$/.exec(cur.lines[cur.index])
  if (!m) return null
  const next = cur.lines[cur.index + 1] ?? ''
  const context = /^\s+\S/.test(next) ? [next] : []
  cur.index += 1 + context.length
  return { diagnostic: { file: m[3], severity: 'warning', message: m[2], tool: 'cython', context } }
}

/** The last line of cythonize's traceback: only names the file, so it counts only when nothing better is found. */
function cythonCompileErrorException(cur: Cursor): Found | null {
  const m = /^Cython\.Compiler\.Errors\.CompileError: (.+)$/.exec(cur.lines[cur.index])
  if (!m) return null
  cur.index++
  const loc = CYTHON_LOCATION.exec(m[1])
  if (loc) return { diagnostic: cythonDiagnostic(loc[1], loc[2], loc[3], 'error', loc[4], []) }
  return {
    diagnostic: { file: m[1], severity: 'error', message: 'Cython compilation failed', tool: 'cython' },
    summary: true,
  }
}

function cythonDiagnostic(file: string, line: string, column: string, severity: Severity, message: string, context: string[]): Diagnostic {
  const d: Diagnostic = { file, line: Number(line), column: Number(column) + 1, severity, message, tool: 'cython' }
  if (context.length > 0) d.context = context
  return d
}

// ---------------------------------------------------------------- gcc and clang

/** `In file included from a.c:12:` and its `                 from b.h:3,` continuation lines. */
function includeChain(cur: Cursor): Found | null {
  const line = cur.lines[cur.index]
  if (!/^(In file included from |\s+from ).+:\d+[:,]$/.test(line)) return null
  cur.pending.push(line)
  cur.index++
  return skipTo(cur)
}

/** Matchers that only collect context go on with the next line; this keeps the loop in one place. */
function skipTo(cur: Cursor): Found | null {
  return cur.index < cur.lines.length ? firstMatch(cur) : null
}

const COMPILER_LOCATED = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*)$/

/** `file:L:C: error: msg` (gcc, clang, MinGW) followed by gcc's `|` gutter lines or clang's source+caret. */
function compilerLocated(cur: Cursor): Found | null {
  const m = COMPILER_LOCATED.exec(cur.lines[cur.index])
  if (!m) return null
  cur.index++
  const d: Diagnostic = {
    file: m[1],
    line: Number(m[2]),
    severity: severityOf(m[4]),
    message: m[5],
    tool: cur.cTool,
  }
  if (m[3] !== undefined) d.column = Number(m[3])
  return { diagnostic: withContext(d, [...takePending(cur), ...takeSourceContext(cur)]) }
}

const GCC_GUTTER = /^\s*\d*\s\|/
const CARET = /^[\s~^]*[\^~][\s~^]*$/

function takeSourceContext(cur: Cursor): string[] {
  const { lines } = cur
  const context: string[] = []
  for (;;) {
    const line = lines[cur.index]
    if (line === undefined) break
    if (GCC_GUTTER.test(line)) {
      context.push(line)
      cur.index++
    } else if (line.trim() !== '' && CARET.test(lines[cur.index + 1] ?? '') && !COMPILER_LOCATED.test(line)) {
      context.push(line, lines[cur.index + 1])
      cur.index += 2
    } else break
  }
  return context
}

/** `gcc: error: unrecognized command-line option`, `cc1: fatal error: ...`, and the linker summaries. */
function compilerDriver(cur: Cursor): Found | null {
  const m = /^(?:.*[/\\])?([\w.+-]+?)(?:\.exe)?: (fatal error|error|warning): (.*)$/.exec(cur.lines[cur.index])
  if (!m || !/(^|-)(gcc|g\+\+|cc1|cc1plus|cc|c\+\+|clang|clang\+\+|collect2)(-[\d.]+)?$/.test(m[1])) return null
  cur.index++
  const program = m[1]
  const message = m[3]
  const linkSummary = program === 'collect2' || /^linker command failed/.test(message)
  const tool: DiagnosticTool = linkSummary ? 'linker' : /clang/.test(program) ? 'clang' : 'gcc'
  const diagnostic: Diagnostic = { file: '', severity: severityOf(m[2]), message, tool, context: [cur.lines[cur.index - 1]] }
  return { diagnostic, summary: linkSummary }
}

// ---------------------------------------------------------------- linkers

const LINK_PROBLEM = /^(undefined reference to .*|multiple definition of .*|more undefined references to .*)$/

/** GNU ld: `/abs/src.c:4: undefined reference to ...` (with debug info) or `src.c:(.text+0xa): ...` (without). */
function ldLocated(cur: Cursor): Found | null {
  const line = cur.lines[cur.index]
  const withLine = /^(.+?):(\d+): (.*)$/.exec(line)
  const withSection = /^(.+?):\(([^)]*)\): (.*)$/.exec(line)
  const m = withLine ?? withSection
  if (!m || !LINK_PROBLEM.test(m[3])) return null
  cur.index++
  const context = [...takePending(cur), line]
  const d: Diagnostic = { file: '', severity: 'error', message: m[3], tool: 'linker', context }
  if (withLine) {
    d.file = withLine[1]
    d.line = Number(withLine[2])
  }
  return { diagnostic: d }
}

const LD_PROGRAM = /^(?:.*[/\\])?((?:[\w-]+-)?ld(?:\.bfd|\.gold|\.lld|\.mold)?|ld64\.lld|lld|mold)(?:\.exe)?: (.*)$/

/** `/usr/bin/ld: cannot find -lfoo: ...`, `ld.lld: error: undefined symbol: f` with its `>>>` lines. */
function ldTool(cur: Cursor): Found | null {
  const m = LD_PROGRAM.exec(cur.lines[cur.index])
  if (!m) return null
  const line = cur.lines[cur.index]
  cur.index++
  if (/: in function [`'].*':$/.test(m[2]) || /: in function [`'].*'$/.test(m[2])) {
    cur.pending = [line]
    return skipTo(cur)
  }
  const level = /^(error|warning): (.*)$/.exec(m[2])
  const d: Diagnostic = {
    file: '',
    severity: level?.[1] === 'warning' ? 'warning' : 'error',
    message: level ? level[2] : m[2],
    tool: 'linker',
  }
  const context = [...takePending(cur), line]
  for (; /^>>> /.test(cur.lines[cur.index] ?? ''); cur.index++) context.push(cur.lines[cur.index])
  const ref = context.map(c => /^>>> referenced by (\S+):(\d+)(?: \((.+):(\d+)\))?$/.exec(c)).find(r => r)
  if (ref) {
    d.file = ref[3] ?? ref[1]
    d.line = Number(ref[4] ?? ref[2])
  }
  d.context = context
  return { diagnostic: d }
}

// ---------------------------------------------------------------- MSVC

const MSVC_LOCATED = /^(.+?)\((\d+)(?:,(\d+))?\) ?: (fatal error|error|warning|note)(?: ([A-Z]{1,4}\d{4,5}))? ?: (.*)$/

/** `file(L,C): error C2065: msg` and `file(L) : warning C4244: msg` (cl.exe, also clang-cl). */
function msvcLocated(cur: Cursor): Found | null {
  const m = MSVC_LOCATED.exec(cur.lines[cur.index])
  if (!m) return null
  cur.index++
  const code = m[5]
  const d: Diagnostic = {
    file: m[1],
    line: Number(m[2]),
    severity: severityOf(m[4]),
    message: code ? `${code}: ${m[6]}` : m[6],
    tool: code?.startsWith('LNK') ? 'linker' : 'msvc',
  }
  if (m[3] !== undefined) d.column = Number(m[3])
  return { diagnostic: d }
}

const MSVC_TOOL_LEVEL =
  /^(?:(LINK|link|cl|CL|LIB|lib)|(.+?\.(?:obj|lib|exp|dll|pyd|exe))) ?: (?:(fatal error|error|warning) ([A-Z]+\d+)|Command line (error|warning) ([A-Z]+\d+)) ?: (.*)$/

/** `LINK : fatal error LNK1181: ...`, `shapes.obj : error LNK2019: ...`, `cl : Command line warning D9002 : ...`. */
function msvcToolLevel(cur: Cursor): Found | null {
  const line = cur.lines[cur.index]
  const m = MSVC_TOOL_LEVEL.exec(line)
  if (!m) return null
  cur.index++
  const code = m[4] ?? m[6]
  const linker = code.startsWith('LNK') || /^(link|lib)$/i.test(m[1] ?? '') || m[2] !== undefined
  const diagnostic: Diagnostic = {
    file: '',
    severity: severityOf(m[3] ?? m[5]),
    message: `${code}: ${m[7]}`,
    tool: linker ? 'linker' : 'msvc',
    context: [line],
  }
  // LNK1120 only counts the LNK2001/LNK2019 errors printed before it.
  return { diagnostic, summary: code === 'LNK1120' }
}

// ---------------------------------------------------------------- shared

function severityOf(word: string): Severity {
  if (word === 'warning') return 'warning'
  if (word === 'note') return 'note'
  return 'error'
}

function takePending(cur: Cursor): string[] {
  const taken = cur.pending
  cur.pending = []
  return taken
}

function withContext(d: Diagnostic, context: string[]): Diagnostic {
  if (context.length > 0) d.context = context
  return d
}

/** gcc's `file.c: In function 'f':` sits between the include chain and the message it belongs to. */
function isKeptWhilePending(line: string): boolean {
  return /^.+?: (In (member |static )?function|In constructor|In destructor|At top level|In instantiation of)/.test(line)
}

function guessCCompiler(lines: string[]): DiagnosticTool {
  const clang = lines.some(
    l => /^\d+ (warnings?|errors?)( and \d+ errors?)? generated\.$/.test(l) || /^(?:.*[/\\])?clang(\+\+)?(-[\d.]+)?(\.exe)?: /.test(l),
  )
  return clang ? 'clang' : 'gcc'
}

/** Summaries add nothing when the messages they summarise were parsed too. */
function dropRedundantSummaries(found: Found[]): Diagnostic[] {
  const hasDetail = (tool: DiagnosticTool) => found.some(f => !f.summary && f.diagnostic.tool === tool && f.diagnostic.severity === 'error')
  return found.filter(f => !f.summary || !hasDetail(f.diagnostic.tool)).map(f => f.diagnostic)
}

function diagnosticKey(d: Diagnostic): string {
  return [d.tool, d.file, d.line ?? '', d.column ?? '', d.severity, d.message].join('\u0000')
}

/** Cython may print one error twice (block and summary line); keep the first, with any context either had. */
export function deduplicate(diags: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>()
  for (const d of diags) {
    const seen = byKey.get(diagnosticKey(d))
    if (!seen) byKey.set(diagnosticKey(d), d)
    else if (!seen.context && d.context) byKey.set(diagnosticKey(d), { ...seen, context: d.context })
  }
  return [...byKey.values()]
}
