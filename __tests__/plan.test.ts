import { describe, expect, it } from '@jest/globals'

import { withoutGeneratedC } from '../src/plan/build-plan.js'
import { anchorPattern, refuseOutside } from '../src/plan/find-sources.js'
import { generatedPathFor, moduleNameFor, outputPathFor } from '../src/plan/module-naming.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'
import { scheduleLongestFirst } from '../src/plan/schedule.js'
import { emptyDirectives, parseDirectiveList, parseDistutilsDirectives } from '../src/plan/source-directives.js'

describe('module naming, as cythonize names modules', () => {
  const packages = new Set(['pkg', 'pkg/sub', 'src/pkg'])
  const isPackage = (dir: string): boolean => packages.has(dir)

  it.each([
    ['mod.pyx', 'mod'],
    ['pkg/mod.pyx', 'pkg.mod'],
    ['pkg/sub/deep.pyx', 'pkg.sub.deep'],
    ['notpkg/mod.pyx', 'mod'],
    // src/ is not a package: the name starts at the first package directory.
    ['src/pkg/mod.pyx', 'pkg.mod'],
    ['pkg/notsub/mod.pyx', 'mod'],
    ['pkg/cmod.c', 'pkg.cmod'],
  ])('%s -> %s', (source, name) => expect(moduleNameFor(source, isPackage)).toBe(name))

  it('places outputs in place or mirrored under an output dir', () => {
    expect(outputPathFor('src/pkg/mod.pyx', 'pkg.mod', '.cpython-312-x86_64-linux-gnu.so', null)).toBe(
      'src/pkg/mod.cpython-312-x86_64-linux-gnu.so',
    )
    expect(outputPathFor('mod.pyx', 'mod', '.so', null)).toBe('mod.so')
    expect(outputPathFor('src/pkg/mod.pyx', 'pkg.mod', '.cp312-win_amd64.pyd', 'build/out')).toBe('build/out/pkg/mod.cp312-win_amd64.pyd')
    expect(generatedPathFor('src/pkg/mod.pyx', 'pkg.mod', 'c++', null)).toBe('src/pkg/mod.cpp')
    expect(generatedPathFor('src/pkg/mod.pyx', 'pkg.mod', 'c', 'out')).toBe('out/pkg/mod.c')
  })
})

describe('# distutils: directives', () => {
  it('reads every directive cythonize honours from the leading comments', () => {
    const d = parseDistutilsDirectives(
      [
        '# distutils: language = c++',
        '#distutils: libraries = m foo',
        '# distutils: library_dirs = [lib, "other lib"]',
        '# distutils: include_dirs = inc',
        '# distutils: sources = helper.c more.c',
        '# distutils: define_macros = A=1 B',
        '# distutils: extra_compile_args = -O3 -ffast-math',
        '# distutils: extra_link_args = -Wl,--as-needed',
        '# cython: boundscheck=False',
        '',
        'def f(): pass',
        '# distutils: libraries = ignored_after_code',
      ].join('\n'),
    )
    expect(d).toEqual({
      language: 'c++',
      libraries: ['m', 'foo'],
      libraryDirs: ['lib', 'other lib'],
      includeDirs: ['inc'],
      sources: ['helper.c', 'more.c'],
      defineMacros: [
        ['A', '1'],
        ['B', null],
      ],
      extraCompileArgs: ['-O3', '-ffast-math'],
      extraLinkArgs: ['-Wl,--as-needed'],
    })
  })

  it('splits lists as Cython parse_list does', () => {
    expect(parseDirectiveList('')).toEqual([])
    expect(parseDirectiveList('a b c')).toEqual(['a', 'b', 'c'])
    expect(parseDirectiveList('[a, b, c]')).toEqual(['a', 'b', 'c'])
    expect(parseDirectiveList('a " " b')).toEqual(['a', ' ', 'b'])
    expect(parseDirectiveList('[a, ",a", "a,", ",", ]')).toEqual(['a', ',a', 'a,', ','])
  })

  it('has no directives in a file without a header', () => {
    expect(parseDistutilsDirectives('import os\n# distutils: language = c++\n')).toEqual(emptyDirectives())
  })
})

describe('sources', () => {
  it('skips C files that Cython generated from a sibling .pyx', () => {
    expect(withoutGeneratedC(['a/m.pyx', 'a/m.c', 'a/plain.c', 'b.py', 'b.c'])).toEqual(['a/m.pyx', 'a/plain.c', 'b.py'])
  })

  it('anchors patterns in the working directory, keeping excludes', () => {
    expect(anchorPattern('src/**/*.pyx', '/ws')).toBe('/ws/src/**/*.pyx')
    expect(anchorPattern('!src/**/_bench_*.pyx', '/ws')).toBe('!/ws/src/**/_bench_*.pyx')
  })
})

describe('longest-first schedule', () => {
  const spec = (name: string, size: number, language: 'c' | 'c++' = 'c'): ModuleSpec => ({
    name,
    source: `${name}.pyx`,
    kind: 'cython',
    language,
    directives: emptyDirectives(),
    generated: `${name}.c`,
    output: `${name}.so`,
    size,
  })

  it('orders by recorded duration, estimating the rest from size at the recorded rate', () => {
    const modules = [spec('small', 100), spec('big', 10_000), spec('slow', 50), spec('mid', 1_000, 'c++')]
    const order = scheduleLongestFirst(modules, { slow: 60_000, small: 1_000 })
    // The records give 61 s / 150 bytes; mid (C++, 1,000 bytes) is estimated at twice that rate.
    expect(order.map(m => m.name)).toEqual(['big', 'mid', 'slow', 'small'])
  })

  it('orders by size without records', () => {
    expect(scheduleLongestFirst([spec('a', 1), spec('b', 3), spec('c', 2)], {}).map(m => m.name)).toEqual(['b', 'c', 'a'])
  })
})

describe('sources outside the working directory', () => {
  it.each(['../**/*.pyx', '../other/mod.pyx', '/etc/*.pyx', 'pkg/../../x.pyx'])('refuses %s, naming it', pattern => {
    expect(() => refuseOutside(pattern, '/ws/proj')).toThrow(
      `Invalid sources entry "${pattern}": it resolves outside the working directory /ws/proj`,
    )
  })

  it.each(['**/*.pyx', 'pkg/../pkg/*.pyx', '/ws/proj/src/*.pyx', '!../x.pyx', '*.pyx'])('accepts %s', pattern => {
    expect(() => refuseOutside(pattern, '/ws/proj')).not.toThrow()
  })
})
