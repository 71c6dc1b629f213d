import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import type { Diagnostic } from '../src/diagnostics/diagnostic.js'
import type { ModuleResult } from '../src/pool/module-result.js'
import { fixHints, missingInput } from '../src/report/fix-hints.js'
import { testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

const error = (tool: Diagnostic['tool'], message: string): Diagnostic => ({ file: 'pkg/m.c', line: 1, severity: 'error', tool, message })

function failed(source: string, ...diagnostics: Diagnostic[]): ModuleResult {
  const module = {
    name: source.replace(/\.pyx$/, '').replace(/\//g, '.'),
    source,
    kind: 'cython',
    language: 'c',
    generated: '',
    output: '',
    size: 1,
  } as ModuleResult['module']
  return { module, status: 'failed', durations: { total: 1 }, output: '', diagnostics }
}

describe('missingInput: what a compiler or linker could not find', () => {
  it.each([
    ['gcc', 'numpy/arrayobject.h: No such file or directory', { header: 'numpy/arrayobject.h' }],
    ['clang', "'numpy/arrayobject.h' file not found", { header: 'numpy/arrayobject.h' }],
    ['msvc', "C1083: Cannot open include file: 'zlib.h': No such file or directory", { header: 'zlib.h' }],
    ['linker', 'cannot find -lssl: No such file or directory', { library: 'ssl' }],
    ['linker', 'cannot find -lssl', { library: 'ssl' }],
    ['linker', "LNK1181: cannot open input file 'ssl.lib'", { library: 'ssl' }],
  ] as const)('%s: %s', (tool, message, expected) => {
    expect(missingInput(error(tool, message))).toEqual(expected)
  })

  it('ignores other errors, warnings, and Cython messages that look alike', () => {
    expect(missingInput(error('gcc', "expected ';' before '}' token"))).toBeUndefined()
    expect(missingInput({ ...error('gcc', 'x.h: No such file or directory'), severity: 'warning' })).toBeUndefined()
    expect(missingInput(error('cython', "'x.pxd' file not found"))).toBeUndefined()
    expect(missingInput(error('gcc', 'helper.c: No such file or directory'))).toBeUndefined()
    expect(missingInput(error('gcc', 'thing.h:'))).toBeUndefined()
  })
})

describe('fixHints', () => {
  it("names numpy's include dir once for every module that needs it", () => {
    const hints = fixHints([
      failed('pkg/a.pyx', error('gcc', 'numpy/arrayobject.h: No such file or directory')),
      failed(
        'pkg/b.pyx',
        error('gcc', 'numpy/arrayobject.h: No such file or directory'),
        error('gcc', 'numpy/ufuncobject.h: No such file or directory'),
      ),
    ])
    expect(hints).toHaveLength(1)
    expect(hints[0]).toMatch(
      /^numpy's headers are not on the include path \(needed by pkg\/a\.pyx, pkg\/b\.pyx\): add the directory that `python -c "import numpy; print\(numpy\.get_include\(\)\)"` prints to include-dirs/,
    )
  })

  it('gives one hint per missing header or library, listing at most three modules', () => {
    const users = ['a', 'b', 'c', 'd', 'e'].map(n => failed(`pkg/${n}.pyx`, error('gcc', 'zlib.h: No such file or directory')))
    const hints = fixHints([...users, failed('pkg/l.pyx', error('linker', 'cannot find -lssl'))])
    expect(hints).toEqual([
      'Header zlib.h was not found (needed by pkg/a.pyx, pkg/b.pyx, pkg/c.pyx and 2 more): add the directory that holds it to include-dirs (-I DIR locally), or install the package that provides it',
      'Library ssl was not found at link time (needed by pkg/l.pyx): install it, or add its directory with "# distutils: library_dirs = DIR" or link-args (-L DIR, /LIBPATH:DIR on Windows)',
    ])
  })

  it('says nothing when the failures are in the code', () => {
    expect(fixHints([failed('pkg/a.pyx', error('cython', 'undeclared name not builtin: x'))])).toEqual([])
  })
})

describe('hints in a real build', () => {
  it('the local command prints how to fix a missing header, after the failures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-hints-'))
    fs.writeFileSync(
      path.join(dir, 'needs_header.pyx'),
      'cdef extern from "cython_fanout_absent/thing.h":\n    int thing()\n\ndef check():\n    return thing()\n',
    )
    fs.writeFileSync(path.join(dir, 'fine.pyx'), 'def check():\n    return 1\n')
    const r = await runNode(path.resolve('dist/cli.js'), ['-C', dir, '--python', testPython(), '--no-cache'], { env: cleanEnv() })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'hint: Header cython_fanout_absent/thing.h was not found (needed by needs_header.pyx): add the directory that contains cython_fanout_absent/ (not cython_fanout_absent/ itself) to include-dirs (-I DIR locally)',
    )
    expect(r.stderr.indexOf('hint: ')).toBeLessThan(r.stderr.indexOf('1 of 2 modules failed'))
  }, 120_000)
})
