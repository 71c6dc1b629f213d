import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

import { attachDiagnostics } from '../src/diagnostics/attach-diagnostics.js'
import type { Diagnostic } from '../src/diagnostics/diagnostic.js'
import { mapDiagnostics, mapGeneratedLine, resolveMarkerPath } from '../src/diagnostics/generated-source-map.js'
import { firstError, parseDiagnostics } from '../src/diagnostics/parse-diagnostics.js'
import { onlyWhen } from './support/only-when.js'

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'diagnostics')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')
const parseFixture = (name: string) => parseDiagnostics(fixture(name))
/** The located part of a diagnostic, for exact comparisons (context is checked separately). */
const place = ({ context: _context, ...rest }: Diagnostic) => rest

const GENERATED_C = fixture('generated/pkg/shapes.c')
const readGenerated = (file: string) => (file === 'pkg/shapes.c' ? GENERATED_C : undefined)

// Cython's messages differ between the versions; the places do not.
const COERCE_029 =
  'Unicode literals do not support coercion to C types other than Py_UNICODE/Py_UCS4 (for characters) or Py_UNICODE* (for strings).'
const COERCE_3 = 'Only single-character string literals can be coerced into ints.'

describe.each([
  ['029', COERCE_029],
  ['3', COERCE_3],
])('Cython %s recorded output', (version, coerce) => {
  const cy = (rest: Omit<Diagnostic, 'tool'>): Diagnostic => ({ ...rest, tool: 'cython' })

  it('reads a syntax error at its 1-based column', () => {
    expect(parseFixture(`cython${version}-syntax-error.txt`).map(place)).toEqual([
      cy({ file: 'pkg/syntax_error.pyx', line: 4, column: 14, severity: 'error', message: "Expected ':', found 'NEWLINE'" }),
    ])
  })

  it('reads a type error (str assigned to a cdef int) with the source block as context', () => {
    const [d, ...more] = parseFixture(`cython${version}-type-error.txt`)
    expect(more).toEqual([])
    expect(place(d)).toEqual(cy({ file: 'pkg/type_error.pyx', line: 6, column: 13, severity: 'error', message: coerce }))
    expect(d.context?.[0]).toBe('...')
    expect(d.context).toContain('    label = "many"')
  })

  it('reports an error inside an included .pxi at the .pxi line', () => {
    expect(parseFixture(`cython${version}-include-pxi-error.txt`).map(place)).toEqual([
      cy({ file: 'pkg/helpers.pxi', line: 5, column: 18, severity: 'error', message: coerce }),
    ])
  })

  it('reads every error of a file, in order', () => {
    expect(parseFixture(`cython${version}-two-errors.txt`).map(place)).toEqual([
      cy({ file: 'pkg/two_errors.pyx', line: 5, column: 15, severity: 'error', message: coerce }),
      cy({ file: 'pkg/two_errors.pyx', line: 6, column: 12, severity: 'error', message: 'undeclared name not builtin: undefined_name' }),
    ])
  })

  it("keeps cythonize's traceback out: its CompileError line only repeats the file", () => {
    const diags = parseFixture(`cython${version}-cythonize-traceback.txt`)
    expect(diags.map(place)).toEqual([cy({ file: 'pkg/type_error.pyx', line: 6, column: 13, severity: 'error', message: coerce })])
  })
})

describe('Cython warnings and hints', () => {
  const maybeUninitialised: Diagnostic = {
    file: 'pkg/warns.pyx',
    line: 6,
    column: 12,
    severity: 'warning',
    message: "local variable 'result' might be referenced before assignment",
    tool: 'cython',
  }

  it('reads Cython 0.29 warnings, including the language_level FutureWarning on the file', () => {
    expect(parseFixture('cython029-warning.txt').map(place)).toEqual([
      {
        file: '/tmp/cython-fanout-fixtures/proj/pkg/warns.pyx',
        severity: 'warning',
        tool: 'cython',
        message: "Cython directive 'language_level' not set, using 2 for now (Py2). This will change in a later release!",
      },
      maybeUninitialised,
    ])
  })

  it('reads Cython 3 warnings', () => {
    expect(parseFixture('cython3-warning.txt')).toEqual([maybeUninitialised])
  })

  it('reads Cython 3 performance hints as notes, with the advice as context', () => {
    const diags = parseFixture('cython3-performance-hints.txt')
    expect(diags.map(place)).toEqual([
      {
        file: 'pkg/hints.pyx',
        line: 4,
        column: 1,
        severity: 'note',
        tool: 'cython',
        message: "Exception check on 'touch' will always require the GIL to be acquired.",
      },
      {
        file: 'pkg/hints.pyx',
        line: 10,
        column: 14,
        severity: 'note',
        tool: 'cython',
        message: "Exception check after calling 'touch' will always require the GIL to be acquired.",
      },
    ])
    expect(diags[0].context).toHaveLength(3)
    expect(diags[0].context?.[0]).toBe('Possible solutions:')
  })
})

describe('Cython columns', () => {
  // Cython prints a 0-based column; Cython 3 puts its ^ exactly that many spaces in, 0.29 one space short.
  it.each([
    ['cython3-type-error.txt', 1],
    ['cython3-two-errors.txt', 1],
    ['cython029-type-error.txt', 2],
    ['cython029-two-errors.txt', 2],
  ])('%s: the caret confirms the 1-based column', (name, offset) => {
    for (const d of parseFixture(name)) {
      const caret = d.context?.[d.context.length - 1] ?? ''
      expect(caret.trim()).toBe('^')
      expect(caret.indexOf('^') + offset).toBe(d.column)
    }
  })
})

describe('de-duplication', () => {
  it('counts an error printed in the block and again as a summary line once, keeping the context', () => {
    const block = fixture('cython3-type-error.txt')
    const summary = `pkg/type_error.pyx:6:12: ${COERCE_3}\n`
    for (const output of [block + summary, summary + block]) {
      const diags = parseDiagnostics(output)
      expect(diags).toHaveLength(1)
      expect(diags[0].context?.length).toBeGreaterThan(2)
    }
  })

  it('keeps a CompileError that only names the file when nothing else was printed', () => {
    expect(parseDiagnostics('Cython.Compiler.Errors.CompileError: pkg/x.pyx\n')).toEqual([
      { file: 'pkg/x.pyx', severity: 'error', message: 'Cython compilation failed', tool: 'cython' },
    ])
  })

  it('keeps two errors that differ only in column', () => {
    const output = 'pkg/a.pyx:3:4: first\npkg/a.pyx:3:9: first\npkg/a.pyx:3:4: first\n'
    expect(parseDiagnostics(output).map(d => d.column)).toEqual([5, 10])
  })
})

describe('gcc 12 and clang 14 recorded output', () => {
  const c = (tool: 'gcc' | 'clang', rest: Omit<Diagnostic, 'tool'>): Diagnostic => ({ ...rest, tool })

  it('reads gcc errors, warnings and notes in generated C, with gutter lines and the include chain', () => {
    const diags = parseFixture('gcc12-generated-c-errors.txt')
    expect(diags.map(place)).toEqual([
      c('gcc', { file: 'pkg/shapes.c', line: 1244, column: 12, severity: 'error', message: '‘point’ has no member named ‘z’' }),
      c('gcc', {
        file: 'pkg/shapes.c',
        line: 1244,
        column: 23,
        severity: 'warning',
        message: 'passing argument 1 of ‘scale’ makes pointer from integer without a cast [-Wint-conversion]',
      }),
      c('gcc', {
        file: 'pkg/bad.h',
        line: 2,
        column: 23,
        severity: 'note',
        message: 'expected ‘const char *’ but argument is of type ‘int’',
      }),
      c('gcc', {
        file: 'pkg/shapes.c',
        line: 1252,
        column: 51,
        severity: 'warning',
        message: 'implicit declaration of function ‘missing_function’ [-Wimplicit-function-declaration]',
      }),
      c('gcc', { file: 'pkg/shapes.c', line: 1252, column: 77, severity: 'error', message: '‘point’ has no member named ‘z’' }),
    ])
    expect(diags[0].context).toEqual([' 1244 |   __pyx_v_p.z = scale(__pyx_v_w);', '      |            ^'])
    expect(diags[1].context).toHaveLength(4)
    expect(diags[2].context?.[0]).toBe('In file included from pkg/shapes.c:744:')
  })

  it('reads the same errors from clang, with its source and caret lines', () => {
    const diags = parseFixture('clang14-generated-c-errors.txt')
    expect(diags.map(place)).toEqual([
      c('clang', { file: 'pkg/shapes.c', line: 1244, column: 13, severity: 'error', message: "no member named 'z' in 'point'" }),
      c('clang', {
        file: 'pkg/shapes.c',
        line: 1244,
        column: 23,
        severity: 'warning',
        message: "incompatible integer to pointer conversion passing 'int' to parameter of type 'const char *' [-Wint-conversion]",
      }),
      c('clang', { file: 'pkg/bad.h', line: 2, column: 23, severity: 'note', message: "passing argument to parameter 'label' here" }),
      c('clang', {
        file: 'pkg/shapes.c',
        line: 1252,
        column: 51,
        severity: 'warning',
        message: "implicit declaration of function 'missing_function' is invalid in C99 [-Wimplicit-function-declaration]",
      }),
      c('clang', { file: 'pkg/shapes.c', line: 1252, column: 78, severity: 'error', message: "no member named 'z' in 'point'" }),
    ])
    expect(diags[0].context).toEqual(['  __pyx_v_p.z = scale(__pyx_v_w);', '  ~~~~~~~~~ ^'])
  })

  it('reads a missing header as an error from either compiler', () => {
    expect(parseFixture('gcc12-missing-header.txt').map(place)).toEqual([
      c('gcc', { file: 'pkg/nohdr.c', line: 744, column: 10, severity: 'error', message: 'no_such_header.h: No such file or directory' }),
    ])
    expect(parseFixture('clang14-missing-header.txt').map(place)).toEqual([
      c('clang', { file: 'pkg/nohdr.c', line: 744, column: 10, severity: 'error', message: "'no_such_header.h' file not found" }),
    ])
  })

  it('strips colour codes and reads CRLF logs the same', () => {
    expect(parseFixture('gcc12-color.txt')).toEqual(parseFixture('gcc12-missing-header.txt'))
    const crlf = fixture('gcc12-generated-c-errors.txt').replace(/\n/g, '\r\n')
    expect(parseDiagnostics(crlf)).toEqual(parseFixture('gcc12-generated-c-errors.txt'))
  })

  it('reads only the diagnostics from a whole setuptools log, not its command lines', () => {
    const diags = parseFixture('setuptools-gcc12-build.txt')
    expect(diags.map(d => `${d.tool} ${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'gcc error pkg/shapes.c:1262:12',
      'gcc warning pkg/shapes.c:1262:23',
      'gcc note pkg/bad.h:2:23',
      'gcc warning pkg/shapes.c:1270:51',
      'gcc error pkg/shapes.c:1270:77',
    ])
  })

  it('lets the caller say which compiler ran', () => {
    const diags = parseDiagnostics(fixture('gcc12-missing-header.txt'), { cCompiler: 'clang' })
    expect(diags[0].tool).toBe('clang')
  })

  it('firstError picks the first located error', () => {
    expect(place(firstError(parseFixture('gcc12-generated-c-errors.txt'))!)).toMatchObject({ line: 1244, column: 12 })
    expect(firstError(parseFixture('cython3-warning.txt'))).toBeUndefined()
    const fileless: Diagnostic = { file: '', severity: 'error', message: 'x', tool: 'linker' }
    const located: Diagnostic = { file: 'a.c', line: 3, severity: 'error', message: 'y', tool: 'gcc' }
    expect(firstError([fileless, located])).toBe(located)
    expect(firstError([fileless])).toBe(fileless)
  })
})

describe('linkers (GNU ld, lld) recorded output', () => {
  const linker = (rest: Omit<Diagnostic, 'tool' | 'severity'>): Diagnostic => ({ ...rest, severity: 'error', tool: 'linker' })

  it.each([
    ['ld-cannot-find-lib.txt', 'cannot find -lnosuchlib: No such file or directory'],
    ['clang14-ld-cannot-find-lib.txt', 'cannot find -lnosuchlib: No such file or directory'],
    ['lld-cannot-find-lib.txt', 'unable to find library -lnosuchlib'],
  ])('%s: one error; the collect2/clang summary is dropped', (name, message) => {
    expect(parseFixture(name).map(place)).toEqual([linker({ file: '', message })])
  })

  it('places an undefined reference at the source line when ld has debug info', () => {
    const [d, ...more] = parseFixture('ld-undefined-reference.txt')
    expect(more).toEqual([])
    expect(place(d)).toEqual(
      linker({
        file: '/tmp/cython-fanout-fixtures/proj/linkme.c',
        line: 4,
        message: "undefined reference to `helper_from_lib'",
      }),
    )
    expect(d.context?.[0]).toBe("/usr/bin/ld: build/linkme.o: in function `main':")
  })

  it('leaves an undefined reference without debug info unplaced, keeping the object in context', () => {
    const [d, ...more] = parseFixture('ld-undefined-reference-nodebug.txt')
    expect(more).toEqual([])
    expect(place(d)).toEqual(linker({ file: '', message: "undefined reference to `helper_from_lib'" }))
    expect(d.context).toEqual([
      "/usr/bin/ld: build/linkme-nodebug.o: in function `main':",
      "linkme.c:(.text+0xa): undefined reference to `helper_from_lib'",
    ])
  })

  it("places lld's undefined symbol from its '>>> referenced by' line", () => {
    const [d, ...more] = parseFixture('lld-undefined-symbol.txt')
    expect(more).toEqual([])
    expect(place(d)).toEqual(
      linker({
        file: '/tmp/cython-fanout-fixtures/proj/linkme.c',
        line: 4,
        message: 'undefined symbol: helper_from_lib',
      }),
    )
    expect(d.context).toHaveLength(3)
  })

  it('keeps the collect2 summary when it is the only linker message', () => {
    expect(parseDiagnostics('collect2: error: ld returned 1 exit status\n').map(place)).toEqual([
      linker({ file: '', message: 'ld returned 1 exit status' }),
    ])
  })
})

describe('MSVC (documented formats)', () => {
  // Formats from Microsoft's pages, not recorded here (no MSVC on this machine):
  // https://learn.microsoft.com/cpp/build/formatting-the-output-of-a-custom-build-step-or-build-event
  //   `{filename(line# [, column#]) | toolname} : [any text] {error | warning} code####: message`
  //   e.g. `C:\sourcefile.cpp(134) : error C2143: syntax error : missing ';' before '}'`
  // https://learn.microsoft.com/cpp/error-messages/compiler-errors-1/compiler-error-c2065
  // https://learn.microsoft.com/cpp/error-messages/compiler-warnings/compiler-warning-levels-3-and-4-c4244
  // https://learn.microsoft.com/cpp/error-messages/compiler-errors-1/fatal-error-c1083
  // https://learn.microsoft.com/cpp/error-messages/tool-errors/linker-tools-error-lnk2019 (followed by LNK1120)
  // https://learn.microsoft.com/cpp/error-messages/tool-errors/linker-tools-error-lnk1181
  // https://learn.microsoft.com/cpp/build/reference/diagnostics-compiler-diagnostic-options (the (line,column) form)
  const msvc = (rest: Omit<Diagnostic, 'tool'>): Diagnostic => ({ ...rest, tool: 'msvc' })

  it('reads cl errors, warnings and notes with and without a column', () => {
    expect(parseFixture('msvc-column-errors.documented.txt').map(place)).toEqual([
      msvc({
        file: 'D:\\a\\proj\\proj\\pkg\\core.c',
        line: 2301,
        column: 17,
        severity: 'error',
        message: "C2065: '__pyx_v_undefined': undeclared identifier",
      }),
      msvc({
        file: 'D:\\a\\proj\\proj\\pkg\\core.c',
        line: 2310,
        severity: 'warning',
        message: "C4244: '=': conversion from 'Py_ssize_t' to 'int', possible loss of data",
      }),
      msvc({
        file: 'D:\\a\\proj\\proj\\pkg\\nohdr.c',
        line: 744,
        severity: 'error',
        message: "C1083: Cannot open include file: 'no_such_header.h': No such file or directory",
      }),
      msvc({ file: 'C:\\sourcefile.cpp', line: 134, severity: 'error', message: "C2143: syntax error : missing ';' before '}'" }),
    ])
  })

  it('reads a setuptools compile log: command-line warning, errors, warnings, notes', () => {
    const diags = parseFixture('msvc-compile-errors.documented.txt')
    expect(diags.map(d => `${d.severity} ${d.file}:${d.line ?? ''} ${d.message.slice(0, 5)}`)).toEqual([
      'warning : D9002',
      'error pkg\\shapes.c:1244 C2039',
      'note pkg\\bad.h:1 see d',
      'warning pkg\\shapes.c:1244 C4047',
      'warning pkg\\shapes.c:1244 C4024',
      'warning pkg\\shapes.c:1252 C4013',
      'error pkg\\shapes.c:1252 C2039',
    ])
    expect(place(diags[0])).toEqual(msvc({ file: '', severity: 'warning', message: "D9002: ignoring unknown option '-fopenmp'" }))
  })

  it('reads link errors; LNK1120 only counts the LNK2019 before it', () => {
    expect(parseFixture('msvc-link-errors.documented.txt').map(place)).toEqual([
      {
        file: '',
        severity: 'error',
        tool: 'linker',
        message: 'LNK2019: unresolved external symbol missing_function referenced in function __pyx_pf_3pkg_6shapes_area',
      },
    ])
    expect(parseFixture('msvc-link-missing-lib.documented.txt').map(place)).toEqual([
      { file: '', severity: 'error', tool: 'linker', message: "LNK1181: cannot open input file 'nosuchlib.lib'" },
    ])
  })
})

describe('attachDiagnostics', () => {
  it('returns a new result with the parsed diagnostics and leaves the one given as it was', () => {
    const output = 'pkg/m.pyx:3:4: undeclared name not builtin: nope\n'
    const given = { module: { source: 'pkg/m.pyx', name: 'pkg.m' }, status: 'failed', output, diagnostics: [] as Diagnostic[] }
    const attached = attachDiagnostics(given, tmpdir())
    expect(attached).not.toBe(given)
    expect(given.diagnostics).toEqual([])
    expect(attached).toMatchObject({ status: 'failed', module: { name: 'pkg.m' } })
    expect(attached.diagnostics).toMatchObject([
      { file: 'pkg/m.pyx', line: 3, severity: 'error', tool: 'cython', message: 'undeclared name not builtin: nope' },
    ])
  })

  it('returns a result with no output as it is', () => {
    const given = { module: { source: 'pkg/m.pyx' }, output: ' \n', diagnostics: [] as Diagnostic[] }
    expect(attachDiagnostics(given, tmpdir())).toBe(given)
  })
})

describe('parseDiagnostics input', () => {
  it('finds nothing in a clean log', () => {
    expect(parseDiagnostics('')).toEqual([])
    expect(parseDiagnostics('running build_ext\ncopying build/lib/pkg/m.so -> pkg\n')).toEqual([])
  })

  it('rejects a non-string with a one-line error', () => {
    expect(() => parseDiagnostics(undefined as unknown as string)).toThrow(/output must be a string/)
  })
})

describe('mapGeneratedLine on real Cython 0.29 output', () => {
  it('maps C lines to the pyx line of the nearest marker above', () => {
    expect(mapGeneratedLine(GENERATED_C, 1244)).toEqual({ file: 'pkg/shapes.pyx', line: 11 })
    expect(mapGeneratedLine(GENERATED_C, 1252)).toEqual({ file: 'pkg/shapes.pyx', line: 12 })
    // The Python wrapper follows the column-0 marker of its def.
    expect(mapGeneratedLine(GENERATED_C, 1200)).toEqual({ file: 'pkg/shapes.pyx', line: 8 })
  })

  it('stops at the end of the function: code with no marker of its own maps to nothing', () => {
    expect(GENERATED_C.split('\n')[1216]).toBe('}')
    expect(mapGeneratedLine(GENERATED_C, 1222)).toBeNull() // declarations of the next function
    const utility = GENERATED_C.split('\n').findIndex(
      l => l.startsWith('static CYTHON_INLINE PyObject* __Pyx_PyInt_From_int(') && l.endsWith('{'),
    )
    expect(utility).toBeGreaterThan(1300)
    expect(mapGeneratedLine(GENERATED_C, utility + 3)).toBeNull()
    expect(mapGeneratedLine(GENERATED_C, 3)).toBeNull()
    expect(mapGeneratedLine(GENERATED_C, 1e6)).toBeNull()
  })

  it('reads a generated file with Windows line ends the same', () => {
    expect(mapGeneratedLine(GENERATED_C.replace(/\n/g, '\r\n'), 1252)).toEqual({ file: 'pkg/shapes.pyx', line: 12 })
  })

  it('maps nothing in C that Cython did not write', () => {
    expect(mapGeneratedLine('/* "pkg/x.pyx":3\n */\nint x;\n', 3)).toBeNull()
  })

  it('rejects a line that is not a whole number from 1', () => {
    expect(() => mapGeneratedLine(GENERATED_C, 0)).toThrow(/line must be a whole number from 1/)
    expect(() => mapGeneratedLine(GENERATED_C, 2.5)).toThrow(/got 2.5/)
  })
})

describe('mapDiagnostics', () => {
  it("moves gcc's errors in generated C to the pyx lines, keeping the C place", () => {
    const mapped = mapDiagnostics(parseFixture('gcc12-generated-c-errors.txt'), readGenerated)
    expect(mapped.map(d => [d.severity, d.file, d.line, d.column, d.generatedFrom])).toEqual([
      ['error', 'pkg/shapes.pyx', 11, undefined, { file: 'pkg/shapes.c', line: 1244, column: 12 }],
      ['warning', 'pkg/shapes.pyx', 11, undefined, { file: 'pkg/shapes.c', line: 1244, column: 23 }],
      ['note', 'pkg/bad.h', 2, 23, undefined],
      ['warning', 'pkg/shapes.pyx', 12, undefined, { file: 'pkg/shapes.c', line: 1252, column: 51 }],
      ['error', 'pkg/shapes.pyx', 12, undefined, { file: 'pkg/shapes.c', line: 1252, column: 77 }],
    ])
    expect(mapped[0].message).toBe('‘point’ has no member named ‘z’')
    expect(mapped[0].tool).toBe('gcc')
  })

  it('maps clang the same way and leaves Cython, linker and unreadable files alone', () => {
    const clang = mapDiagnostics(parseFixture('clang14-generated-c-errors.txt'), readGenerated)
    expect(clang.filter(d => d.severity === 'error').map(d => `${d.file}:${d.line}`)).toEqual(['pkg/shapes.pyx:11', 'pkg/shapes.pyx:12'])
    const untouched = [
      ...parseFixture('cython3-type-error.txt'),
      ...parseFixture('ld-cannot-find-lib.txt'),
      ...parseFixture('gcc12-missing-header.txt'),
    ]
    expect(mapDiagnostics(untouched, readGenerated)).toEqual(untouched)
  })

  it('reads each generated file once', () => {
    const reads: string[] = []
    mapDiagnostics(parseFixture('gcc12-generated-c-errors.txt'), f => (reads.push(f), readGenerated(f)))
    expect(reads).toEqual(['pkg/shapes.c'])
  })

  it('resolves the marker path beside the C file', () => {
    expect(resolveMarkerPath('/w/src/pkg/shapes.c', 'pkg/shapes.pyx')).toBe('/w/src/pkg/shapes.pyx')
    expect(resolveMarkerPath('pkg\\shapes.c', 'pkg/shapes.pyx')).toBe('pkg/shapes.pyx')
    expect(resolveMarkerPath('/w/src/mod.c', 'mod.pyx')).toBe('/w/src/mod.pyx')
    // Included files are written relative to where Cython ran (checked with 0.29.32 and 3.3.0 on a src/ layout).
    expect(resolveMarkerPath('src/pkg/mod.c', 'src/pkg/helpers.pxi')).toBe('src/pkg/helpers.pxi')
    expect(resolveMarkerPath('build/c/pkg/mod.c', 'src/pkg/helpers.pxi')).toBe('src/pkg/helpers.pxi')
    expect(resolveMarkerPath('/w/src/pkg/m.c', '/usr/lib/python3/dist-packages/numpy/__init__.pxd')).toBe(
      '/usr/lib/python3/dist-packages/numpy/__init__.pxd',
    )
  })

  it('uses the module source when the C went to an output directory', () => {
    expect(resolveMarkerPath('build/c/pkg/mod.c', 'pkg/mod.pyx', 'src/pkg/mod.pyx')).toBe('src/pkg/mod.pyx')
    expect(resolveMarkerPath('build/c/pkg/mod.c', 'pkg/mod.pyx', 'pkg/mod.pyx')).toBe('pkg/mod.pyx')
    const moved = parseFixture('gcc12-generated-c-errors.txt').map(d => ({
      ...d,
      file: d.file.replace('pkg/shapes.c', 'build/c/pkg/shapes.c'),
    }))
    const read = (f: string) => (f === 'build/c/pkg/shapes.c' ? GENERATED_C : undefined)
    const mapped = mapDiagnostics(moved, read, { moduleSource: 'src/pkg/shapes.pyx' })
    expect(mapped.filter(d => d.severity === 'error').map(d => `${d.file}:${d.line} <- ${d.generatedFrom?.file}`)).toEqual([
      'src/pkg/shapes.pyx:11 <- build/c/pkg/shapes.c',
      'src/pkg/shapes.pyx:12 <- build/c/pkg/shapes.c',
    ])
  })
})

describe('live tools (the recorded fixtures still match what the tools print)', () => {
  const hasCython029 = spawnSync('/usr/bin/python3', ['-c', 'import Cython'], { stdio: 'ignore' }).status === 0
  const pyInclude = hasCython029
    ? execFileSync('/usr/bin/python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["include"])'], { encoding: 'utf8' }).trim()
    : ''
  const hasGcc = spawnSync('gcc', ['--version'], { stdio: 'ignore' }).status === 0
  const canCompile = hasGcc && pyInclude !== '' && existsSync(join(pyInclude, 'Python.h'))

  const inCopyOfInputs = (run: (dir: string) => string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'diag-live-'))
    try {
      cpSync(join(FIXTURES, 'inputs'), dir, { recursive: true })
      return run(dir)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  onlyWhen(hasCython029, '/usr/bin/python3 has no Cython')('Cython 0.29 prints what the fixture holds for the type error', () => {
    const output = inCopyOfInputs(dir => {
      const r = spawnSync('/usr/bin/python3', ['-m', 'cython', '-3', 'pkg/type_error.pyx', '-o', join(dir, 'out.c')], {
        cwd: dir,
        encoding: 'utf8',
      })
      expect(r.status).toBe(1)
      return r.stdout + r.stderr
    })
    expect(parseDiagnostics(output)).toEqual(parseFixture('cython029-type-error.txt'))
  })

  onlyWhen(canCompile, 'no gcc or no Python.h here')(
    'gcc on the recorded generated C gives errors that map to pkg/shapes.pyx:11 and :12',
    () => {
      const output = inCopyOfInputs(dir => {
        cpSync(join(FIXTURES, 'generated', 'pkg', 'shapes.c'), join(dir, 'pkg', 'shapes.c'))
        const r = spawnSync('gcc', ['-fsyntax-only', `-I${pyInclude}`, '-Ipkg', 'pkg/shapes.c'], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: 'C' },
        })
        expect(r.status).toBe(1)
        return r.stderr
      })
      const errors = mapDiagnostics(parseDiagnostics(output), readGenerated).filter(d => d.severity === 'error')
      expect(errors.map(d => `${d.file}:${d.line} <- ${d.generatedFrom?.file}:${d.generatedFrom?.line}`)).toEqual([
        'pkg/shapes.pyx:11 <- pkg/shapes.c:1244',
        'pkg/shapes.pyx:12 <- pkg/shapes.c:1252',
      ])
    },
  )
})
