import * as fs from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import type { ModuleSpec } from '../src/plan/module-spec.js'
import { emptyDirectives } from '../src/plan/source-directives.js'
import { type BuildFlags, compileCommands, compileSources, cythonCommand, linkCommand } from '../src/toolchain/command-lines.js'
import type { Toolchain } from '../src/toolchain/toolchain.js'
import { pythonAbi } from '../src/toolchain/toolchain.js'

/** Recorded answer of the toolchain query on Debian 12's /usr/bin/python3 (see fixtures/toolchain/README.md). */
const linux = JSON.parse(fs.readFileSync('__tests__/fixtures/toolchain/linux-debian12-cpython311.json', 'utf8')) as Toolchain
const CFLAGS = [
  '-Wsign-compare',
  '-DNDEBUG',
  '-g',
  '-fwrapv',
  '-O2',
  '-Wall',
  '-g',
  '-fstack-protector-strong',
  '-Wformat',
  '-Werror=format-security',
  '-g',
  '-fwrapv',
  '-O2',
  '-fPIC',
]
const LDFLAGS = ['-shared', '-Wl,-O1', '-Wl,-Bsymbolic-functions', '-g', '-fwrapv', '-O2']
const noFlags: BuildFlags = { cythonArgs: [], includeDirs: [], defines: [], compileArgs: [], linkArgs: [] }

function spec(overrides: Partial<ModuleSpec>): ModuleSpec {
  return {
    name: 'pkg.mod',
    source: 'pkg/mod.pyx',
    kind: 'cython',
    language: 'c',
    directives: emptyDirectives(),
    generated: 'pkg/mod.c',
    output: 'pkg/mod.cpython-311-x86_64-linux-gnu.so',
    size: 1,
    ...overrides,
  }
}

describe('Linux command lines, as setuptools build_ext runs them', () => {
  it('C module', () => {
    const m = spec({})
    expect(cythonCommand(m, { ...noFlags, cythonArgs: ['-3'], includeDirs: ['inc'] }, '/stage/mod.c')).toEqual([
      '-3',
      '-I',
      'inc',
      '-I',
      '.',
      '-o',
      '/stage/mod.c',
      'pkg/mod.pyx',
    ])
    const [compile] = compileCommands(m, linux, noFlags, compileSources(m, m.generated), () => '/stage/mod.o')
    expect(compile.argv).toEqual(['x86_64-linux-gnu-gcc', ...CFLAGS, '-I/usr/include/python3.11', '-c', 'pkg/mod.c', '-o', '/stage/mod.o'])
    expect(linkCommand(m, linux, noFlags, ['/stage/mod.o'], '/stage/mod.so')).toEqual([
      'x86_64-linux-gnu-gcc',
      ...LDFLAGS,
      '/stage/mod.o',
      '-L/usr/lib/x86_64-linux-gnu',
      '-o',
      '/stage/mod.so',
    ])
  })

  it('C++ module: --cplus for Cython, g++ for the link', () => {
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp' })
    expect(cythonCommand(m, noFlags, '/s/mod.cpp')).toEqual(['--cplus', '-I', '.', '-o', '/s/mod.cpp', 'pkg/mod.pyx'])
    const [compile] = compileCommands(m, linux, noFlags, compileSources(m, m.generated), () => '/s/mod.o')
    expect(compile.argv).toEqual(['x86_64-linux-gnu-gcc', ...CFLAGS, '-I/usr/include/python3.11', '-c', 'pkg/mod.cpp', '-o', '/s/mod.o'])
    expect(linkCommand(m, linux, noFlags, ['/s/mod.o'], '/s/mod.so')[0]).toBe('x86_64-linux-gnu-g++')
  })

  it('module with # distutils: libraries, dirs, macros, sources and extra args, plus the inputs', () => {
    const directives = {
      ...emptyDirectives(),
      libraries: ['m', 'z'],
      libraryDirs: ['vendor/lib'],
      includeDirs: ['vendor/include'],
      sources: ['pkg/helper.c'],
      defineMacros: [
        ['A', '1'],
        ['B', null],
      ] as Array<[string, string | null]>,
      extraCompileArgs: ['-O3'],
      extraLinkArgs: ['-Wl,--as-needed'],
    }
    const m = spec({ directives })
    const flags: BuildFlags = { cythonArgs: [], includeDirs: ['inc dir'], defines: [['NPY', 'x']], compileArgs: ['-w'], linkArgs: ['-s'] }
    const steps = compileCommands(m, linux, flags, compileSources(m, m.generated), src => `/o/${src.replace(/\W/g, '_')}.o`)
    expect(steps.map(s => s.source)).toEqual(['pkg/mod.c', 'pkg/helper.c'])
    expect(steps[1].argv).toEqual([
      'x86_64-linux-gnu-gcc',
      ...CFLAGS,
      '-DNPY=x',
      '-DA=1',
      '-DB',
      '-Ivendor/include',
      '-Iinc dir',
      '-I/usr/include/python3.11',
      '-c',
      'pkg/helper.c',
      '-o',
      '/o/pkg_helper_c.o',
      '-O3',
      '-w',
    ])
    expect(linkCommand(m, linux, flags, ['/o/a.o', '/o/b.o'], '/o/mod.so')).toEqual([
      'x86_64-linux-gnu-gcc',
      ...LDFLAGS,
      '/o/a.o',
      '/o/b.o',
      '-Lvendor/lib',
      '-L/usr/lib/x86_64-linux-gnu',
      '-lm',
      '-lz',
      '-o',
      '/o/mod.so',
      '-Wl,--as-needed',
      '-s',
    ])
  })

  it('names the ABI for cache keys from the extension suffix', () => {
    expect(pythonAbi(linux)).toBe('cpython-311-x86_64-linux-gnu')
    expect(pythonAbi({ ...linux, extSuffix: '.cpython-313t-darwin.so' })).toBe('cpython-313t-darwin')
    expect(pythonAbi({ ...linux, extSuffix: '.cp313t-win_amd64.pyd' })).toBe('cp313t-win_amd64')
  })
})
