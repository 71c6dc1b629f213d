import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as core from '@actions/core'
import { describe, expect, it, jest } from '@jest/globals'

import type { Diagnostic } from '../src/diagnostics/diagnostic.js'
import { mapDiagnostics } from '../src/diagnostics/generated-source-map.js'
import { parseDiagnostics } from '../src/diagnostics/parse-diagnostics.js'
import { annotationProperties, MAX_MESSAGE_LENGTH, rankAnnotations, toRepoRelative } from '../src/report/annotations.js'

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'diagnostics')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')
const GENERATED_C = fixture('generated/pkg/shapes.c')
const parsed = (name: string) => mapDiagnostics(parseDiagnostics(fixture(name)), f => (f === 'pkg/shapes.c' ? GENERATED_C : undefined))
const where = (d: Diagnostic) => `${d.file}:${d.line ?? ''}`

/** Four failed modules, each from a real recorded log. */
const FAILURES = [
  { source: 'pkg/two_errors.pyx', diagnostics: parsed('cython3-two-errors.txt') },
  { source: 'pkg/shapes.pyx', diagnostics: parsed('gcc12-generated-c-errors.txt') },
  { source: 'pkg/linkme.pyx', diagnostics: parsed('ld-cannot-find-lib.txt') },
  { source: 'pkg/uses_include.pyx', diagnostics: parsed('cython029-include-pxi-error.txt') },
]

const syntheticError = (file: string, line: number): Diagnostic => ({
  file,
  line,
  severity: 'error',
  message: `bad ${line}`,
  tool: 'cython',
})

describe('rankAnnotations', () => {
  it('puts the first error of every failed module first, then the rest', () => {
    const ranked = rankAnnotations(FAILURES, [])
    expect(ranked.errors.map(where)).toEqual([
      'pkg/two_errors.pyx:5',
      'pkg/shapes.pyx:11',
      'pkg/linkme.pyx:', // the linker error names no file: it stands on its module
      'pkg/helpers.pxi:5',
      'pkg/two_errors.pyx:6',
      'pkg/shapes.pyx:12',
    ])
    expect(ranked.omittedErrors).toBe(0)
  })

  it('keeps one error per module when the limit is small, and counts the rest', () => {
    const ranked = rankAnnotations(FAILURES, [], 3)
    expect(ranked.errors.map(where)).toEqual(['pkg/two_errors.pyx:5', 'pkg/shapes.pyx:11', 'pkg/linkme.pyx:'])
    expect(ranked.omittedErrors).toBe(3)
  })

  it('shows the first errors of 10 of 12 failed modules by default and counts the 14 left out', () => {
    const failures = Array.from({ length: 12 }, (_, i) => ({
      source: `pkg/m${i}.pyx`,
      diagnostics: [syntheticError(`pkg/m${i}.pyx`, i + 1), syntheticError(`pkg/m${i}.pyx`, 100 + i)],
    }))
    const ranked = rankAnnotations(failures, [])
    expect(ranked.errors.map(d => d.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(ranked.omittedErrors).toBe(14)
  })

  it('counts an error shared by two modules (one .pxi) once', () => {
    const pxi = parsed('cython3-include-pxi-error.txt')
    const ranked = rankAnnotations(
      [
        { source: 'pkg/a.pyx', diagnostics: pxi },
        { source: 'pkg/b.pyx', diagnostics: pxi.map(d => ({ ...d })) },
      ],
      [],
    )
    expect(ranked.errors.map(where)).toEqual(['pkg/helpers.pxi:5'])
  })

  it("ranks failed modules' warnings before other modules' warnings, leaves notes out, counts the omitted", () => {
    const others = [...parsed('cython3-warning.txt'), ...parsed('cython3-performance-hints.txt')]
    const ranked = rankAnnotations(FAILURES, others, 2)
    expect(ranked.warnings.map(where)).toEqual(['pkg/shapes.pyx:11', 'pkg/shapes.pyx:12'])
    expect(ranked.omittedWarnings).toBe(1) // pkg/warns.pyx:6; the two performance hints are notes
    expect(rankAnnotations([], others).warnings.map(where)).toEqual(['pkg/warns.pyx:6'])
  })

  it('returns nothing for no failures and no warnings', () => {
    expect(rankAnnotations([], [])).toEqual({ errors: [], warnings: [], omittedErrors: 0, omittedWarnings: 0 })
    expect(rankAnnotations(FAILURES, [], 0).omittedErrors).toBe(6)
  })

  it('rejects a limit that is not a whole number', () => {
    expect(() => rankAnnotations([], [], -1)).toThrow(/limit must be a whole number from 0, got -1/)
    expect(() => rankAnnotations([], [], 1.5)).toThrow(/got 1.5/)
  })
})

describe('toRepoRelative', () => {
  it.each([
    ['pkg/shapes.c', '/w/repo', '/w/repo', 'pkg/shapes.c'],
    ['./pkg/shapes.c', '/w/repo/', '/w/repo', 'pkg/shapes.c'],
    ['../pkg/a.pyx', '/w/repo/build', '/w/repo', 'pkg/a.pyx'],
    ['a.pyx', 'src/pkg', '/w/repo', 'src/pkg/a.pyx'],
    ['/w/repo/pkg/a.pyx', '/somewhere/else', '/w/repo', 'pkg/a.pyx'],
    ['/usr/include/python3.11/object.h', '/w/repo', '/w/repo', '/usr/include/python3.11/object.h'],
    ['/w/repo2/x.c', '/w/repo', '/w/repo', '/w/repo2/x.c'],
    ['pkg\\shapes.c', 'D:\\a\\proj\\proj', 'D:\\a\\proj\\proj', 'pkg/shapes.c'],
    ['d:\\a\\proj\\proj\\pkg\\core.c', 'D:\\a\\proj\\proj\\build', 'D:\\a\\proj\\proj', 'pkg/core.c'],
    ['C:\\sourcefile.cpp', 'D:\\a\\proj\\proj', 'D:\\a\\proj\\proj', 'C:/sourcefile.cpp'],
    ['', '/w/repo', '/w/repo', ''],
  ])('%s in %s, repository %s -> %s', (file, workingDir, repoRoot, expected) => {
    expect(toRepoRelative(file, workingDir, repoRoot)).toBe(expected)
  })

  it('rejects a relative repository root', () => {
    expect(() => toRepoRelative('a.c', '/w', 'repo')).toThrow(/repoRoot must be an absolute path .* got 'repo'/)
  })
})

describe('annotationProperties', () => {
  const paths = { workingDir: '/w/repo', repoRoot: '/w/repo' }

  it('places a Cython error at its file, line and column', () => {
    const [d] = parseDiagnostics(fixture('cython3-type-error.txt'))
    expect(annotationProperties(d, paths)).toEqual({
      message: 'Only single-character string literals can be coerced into ints.',
      properties: { title: 'Cython error', file: 'pkg/type_error.pyx', startLine: 6, startColumn: 13 },
    })
  })

  it('places a C error from generated code on the pyx line and names the C place in the title', () => {
    const [d] = parsed('gcc12-generated-c-errors.txt')
    expect(annotationProperties(d, { workingDir: '/w/repo/src', repoRoot: '/w/repo' })).toEqual({
      message: '‘point’ has no member named ‘z’',
      properties: { title: 'gcc error in generated src/pkg/shapes.c:1244', file: 'src/pkg/shapes.pyx', startLine: 11 },
    })
  })

  it('puts a place outside the repository into the message instead', () => {
    const [d] = parsed('ld-undefined-reference.txt')
    expect(annotationProperties(d, paths)).toEqual({
      message: "/tmp/cython-fanout-fixtures/proj/linkme.c:4: undefined reference to `helper_from_lib'",
      properties: { title: 'linker error' },
    })
  })

  it('annotates MSVC output from a Windows runner', () => {
    const [, d] = parseDiagnostics(fixture('msvc-compile-errors.documented.txt'))
    expect(annotationProperties(d, { workingDir: 'D:\\a\\proj\\proj', repoRoot: 'D:\\a\\proj\\proj' })).toEqual({
      message: "C2039: 'z': is not a member of 'point'",
      properties: { title: 'MSVC error', file: 'pkg/shapes.c', startLine: 1244 },
    })
  })

  it(`cuts messages to ${MAX_MESSAGE_LENGTH} characters`, () => {
    const long: Diagnostic = { file: 'a.pyx', line: 1, severity: 'warning', message: 'x'.repeat(5000), tool: 'cython' }
    const { message } = annotationProperties(long, paths)
    expect(message).toHaveLength(MAX_MESSAGE_LENGTH)
    expect(message.endsWith('…')).toBe(true)
    const exact = { ...long, message: 'y'.repeat(MAX_MESSAGE_LENGTH) }
    expect(annotationProperties(exact, paths).message).toBe(exact.message)
  })

  it('gives @actions/core what it turns into a ::error workflow command', () => {
    const [d] = parsed('gcc12-generated-c-errors.txt')
    const { message, properties } = annotationProperties(d, paths)
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => (written.push(String(chunk)), true))
    try {
      core.error(message, properties)
    } finally {
      spy.mockRestore()
    }
    expect(written.join('')).toBe(
      '::error title=gcc error in generated pkg/shapes.c%3A1244,file=pkg/shapes.pyx,line=11::‘point’ has no member named ‘z’\n',
    )
  })
})
