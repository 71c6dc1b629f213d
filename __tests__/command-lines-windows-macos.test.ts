import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import type { ModuleSpec } from '../src/plan/module-spec.js'
import { emptyDirectives } from '../src/plan/source-directives.js'
import {
  type BuildFlags,
  compileCommands,
  compilerEnvironment,
  compileSources,
  cythonCommand,
  darwinFixup,
  importLibrary,
  initFunction,
  linkCommand,
} from '../src/toolchain/command-lines.js'
import { TOOLCHAIN_QUERY } from '../src/toolchain/query-script.js'
import type { Toolchain } from '../src/toolchain/toolchain.js'
import { pythonAbi } from '../src/toolchain/toolchain.js'
import { testPython } from './support/python.js'

/**
 * Windows and macOS command lines, pinned from toolchain answers constructed from setuptools v84's own code (see
 * fixtures/toolchain/README.md). The expected lines were cross-checked against what setuptools' MSVCCompiler and
 * UnixCCompiler spawn for the same extension, run with a recording spawn.
 */
const FIXTURES = '__tests__/fixtures/toolchain'
const load = (name: string): Toolchain => JSON.parse(fs.readFileSync(`${FIXTURES}/${name}`, 'utf8')) as Toolchain
const win312 = load('windows-cpython312-msvc14.44.json')
const win313t = load('windows-cpython313t-msvc14.44.json')
const mac312 = load('macos-arm64-cpython312-universal2.json')
const macArm64 = load('macos-arm64-cpython312-archflags-arm64.json')
const mac313t = load('macos-arm64-cpython313t-universal2.json')
const noFlags: BuildFlags = { cythonArgs: [], includeDirs: [], defines: [], compileArgs: [], linkArgs: [] }

function spec(overrides: Partial<ModuleSpec>): ModuleSpec {
  return {
    name: 'pkg.mod',
    source: 'pkg/mod.pyx',
    kind: 'cython',
    language: 'c',
    directives: emptyDirectives(),
    generated: 'pkg/mod.c',
    output: 'pkg/mod.so',
    size: 1,
    ...overrides,
  }
}

describe('Windows (MSVC) command lines, as setuptools build_ext runs them', () => {
  const VC = 'C:\\Program Files (x86)\\Microsoft Visual Studio\\2022\\BuildTools\\VC\\Tools\\MSVC\\14.44.35207'
  const KITS = 'C:\\Program Files (x86)\\Windows Kits\\10'
  const PY = 'C:\\hostedtoolcache\\windows\\Python\\3.12.10\\x64'
  const CL = `${VC}\\bin\\HostX86\\x64\\cl.exe`
  const LINK = `${VC}\\bin\\HostX86\\x64\\link.exe`
  const COMPILE_OPTIONS = ['/nologo', '/O2', '/W3', '/GL', '/DNDEBUG', '/MD']
  const LDFLAGS_SHARED = ['/nologo', '/INCREMENTAL:NO', '/LTCG', '/DLL', '/MANIFEST:EMBED,ID=2', '/MANIFESTUAC:NO']
  // build_ext's include dirs (sysconfig's include, then pyconfig.h's directory), then vcvars' INCLUDE.
  const INCLUDES = [
    `-I${PY}\\include`,
    `-I${PY}\\Include`,
    `-I${VC}\\include`,
    '-IC:\\Program Files (x86)\\Microsoft Visual Studio\\2022\\BuildTools\\VC\\Auxiliary\\VS\\include',
    `-I${KITS}\\include\\10.0.26100.0\\ucrt`,
    `-I${KITS}\\\\include\\10.0.26100.0\\\\um`,
    `-I${KITS}\\\\include\\10.0.26100.0\\\\shared`,
    `-I${KITS}\\\\include\\10.0.26100.0\\\\winrt`,
    `-I${KITS}\\\\include\\10.0.26100.0\\\\cppwinrt`,
  ]
  // build_ext's library dirs (exec_prefix\libs, base_exec_prefix, PCbuild\amd64), then vcvars' LIB.
  const LIBPATHS = [
    `/LIBPATH:${PY}\\libs`,
    `/LIBPATH:${PY}`,
    `/LIBPATH:${PY}\\PCbuild\\amd64`,
    `/LIBPATH:${VC}\\lib\\x64`,
    `/LIBPATH:${KITS}\\lib\\10.0.26100.0\\ucrt\\x64`,
    `/LIBPATH:${KITS}\\\\lib\\10.0.26100.0\\\\um\\x64`,
  ]
  const STAGE = 'D:\\a\\proj\\proj\\.cython-fanout-tmp-4242\\0-pkg.mod'
  const object = (n: number, src: string): string => `${STAGE}\\${n}-${src.split('/').pop()}.obj`

  it('C module: cl /c with /Tc and /Fo, link with /EXPORT:PyInit_mod and the import library beside the objects', () => {
    const m = spec({ output: `pkg/mod${win312.extSuffix}` })
    expect(cythonCommand(m, noFlags, `${STAGE}\\mod.c`)).toEqual(['-I', '.', '-o', `${STAGE}\\mod.c`, 'pkg/mod.pyx'])
    const [compile] = compileCommands(m, win312, noFlags, compileSources(m, m.generated), src => object(1, src))
    expect(compile.argv).toEqual([CL, '/c', ...COMPILE_OPTIONS, ...INCLUDES, '/Tcpkg/mod.c', `/Fo${STAGE}\\1-mod.c.obj`])
    expect(linkCommand(m, win312, noFlags, [`${STAGE}\\1-mod.c.obj`], `${STAGE}\\mod.cp312-win_amd64.pyd`)).toEqual([
      LINK,
      ...LDFLAGS_SHARED,
      ...LIBPATHS,
      '/EXPORT:PyInit_mod',
      `${STAGE}\\1-mod.c.obj`,
      `/OUT:${STAGE}\\mod.cp312-win_amd64.pyd`,
      `/IMPLIB:${STAGE}\\mod.cp312-win_amd64.lib`,
    ])
  })

  it('C++ module: --cplus for Cython, /EHsc and /Tp for cl', () => {
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp' })
    expect(cythonCommand(m, { ...noFlags, cythonArgs: ['-3'] }, `${STAGE}\\mod.cpp`)).toEqual([
      '-3',
      '--cplus',
      '-I',
      '.',
      '-o',
      `${STAGE}\\mod.cpp`,
      'pkg/mod.pyx',
    ])
    const [compile] = compileCommands(m, win312, noFlags, compileSources(m, m.generated), src => object(1, src))
    expect(compile.argv).toEqual([CL, '/c', ...COMPILE_OPTIONS, ...INCLUDES, '/EHsc', '/Tppkg/mod.cpp', `/Fo${STAGE}\\1-mod.cpp.obj`])
    expect(
      linkCommand(m, win312, noFlags, [`${STAGE}\\1-mod.cpp.obj`], `${STAGE}\\mod.cp312-win_amd64.pyd`).slice(0, 1 + LDFLAGS_SHARED.length),
    ).toEqual([LINK, ...LDFLAGS_SHARED])
  })

  it('module with # distutils: libraries (name.lib), library and include dirs, macros, sources and extra args', () => {
    const directives = {
      ...emptyDirectives(),
      language: 'c++' as const,
      libraries: ['zlib', 'ws2_32'],
      libraryDirs: ['vendor/lib'],
      includeDirs: ['vendor/include'],
      sources: ['pkg/helper.c'],
      defineMacros: [
        ['A', '1'],
        ['B', null],
      ] as Array<[string, string | null]>,
      extraCompileArgs: ['/std:c++17'],
      extraLinkArgs: ['/DEBUG'],
    }
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp', directives })
    const flags: BuildFlags = { cythonArgs: [], includeDirs: ['inc dir'], defines: [], compileArgs: [], linkArgs: ['/PROFILE'] }
    const steps = compileCommands(m, win312, flags, compileSources(m, m.generated), src => object(src.endsWith('.cpp') ? 1 : 2, src))
    const pp = ['-DA=1', '-DB', '-Ivendor/include', '-Iinc dir', ...INCLUDES]
    expect(steps.map(s => s.argv)).toEqual([
      [CL, '/c', ...COMPILE_OPTIONS, ...pp, '/EHsc', '/Tppkg/mod.cpp', `/Fo${STAGE}\\1-mod.cpp.obj`, '/std:c++17'],
      // MSVCCompiler.compile keeps /EHsc for every source after the first C++ one.
      [CL, '/c', ...COMPILE_OPTIONS, ...pp, '/EHsc', '/Tcpkg/helper.c', `/Fo${STAGE}\\2-helper.c.obj`, '/std:c++17'],
    ])
    expect(
      linkCommand(
        m,
        win312,
        flags,
        steps.map(s => s.object),
        `${STAGE}\\mod.cp312-win_amd64.pyd`,
      ),
    ).toEqual([
      LINK,
      ...LDFLAGS_SHARED,
      '/LIBPATH:vendor/lib',
      ...LIBPATHS,
      'zlib.lib',
      'ws2_32.lib',
      '/EXPORT:PyInit_mod',
      `${STAGE}\\1-mod.cpp.obj`,
      `${STAGE}\\2-helper.c.obj`,
      `/OUT:${STAGE}\\mod.cp312-win_amd64.pyd`,
      `/IMPLIB:${STAGE}\\mod.cp312-win_amd64.lib`,
      '/DEBUG',
      '/PROFILE',
    ])
  })

  it('a C source before a C++ one gets no /EHsc; a plain C module compiles its own source', () => {
    const m = spec({
      kind: 'c',
      source: 'pkg/cmod.c',
      generated: 'pkg/cmod.c',
      name: 'pkg.cmod',
      directives: { ...emptyDirectives(), sources: ['pkg/extra.cpp'] },
    })
    const steps = compileCommands(m, win312, noFlags, compileSources(m, m.generated), src => object(1, src))
    expect(steps.map(s => s.argv.filter(a => a === '/EHsc' || a.startsWith('/T')))).toEqual([
      ['/Tcpkg/cmod.c'],
      ['/EHsc', '/Tppkg/extra.cpp'],
    ])
    expect(
      linkCommand(
        m,
        win312,
        noFlags,
        steps.map(s => s.object),
        `${STAGE}\\cmod.pyd`,
      ),
    ).toContain('/EXPORT:PyInit_cmod')
  })

  it('names the init function as build_ext does, the package for __init__ modules', () => {
    expect(initFunction('pkg.sub.mod')).toBe('PyInit_mod')
    expect(initFunction('pkg.sub.__init__')).toBe('PyInit_sub')
    expect(initFunction('__init__')).toBe('PyInit___init__')
  })

  it('puts the import library next to the first object, whatever the separators', () => {
    expect(importLibrary('C:\\stage\\1-a.c.obj', 'C:\\out\\pkg\\a.cp312-win_amd64.pyd')).toBe('C:\\stage\\a.cp312-win_amd64.lib')
    expect(importLibrary('C:/stage/1-a.c.obj', 'a.cp313t-win_amd64.pyd')).toBe('C:/stage/a.cp313t-win_amd64.lib')
    expect(importLibrary('1-a.c.obj', 'pkg/a.pyd')).toBe('a.lib')
  })

  it('free-threaded 3.13t: the t ABI in the suffix, and Py_GIL_DISABLED=1 after the module macros so pyconfig.h picks python313t.lib', () => {
    expect(win313t.extSuffix).toBe('.cp313t-win_amd64.pyd')
    expect(pythonAbi(win313t)).toBe('cp313t-win_amd64')
    expect(pythonAbi(win312)).toBe('cp312-win_amd64')
    const m = spec({ directives: { ...emptyDirectives(), defineMacros: [['A', '1']] } })
    const flags: BuildFlags = { ...noFlags, defines: [['NPY', null]] }
    const [ft] = compileCommands(m, win313t, flags, compileSources(m, m.generated), () => 'x.obj')
    expect(ft.argv.filter(a => a.startsWith('-D'))).toEqual(['-DNPY', '-DA=1', '-DPy_GIL_DISABLED=1'])
    expect(ft.argv[0]).toBe(
      'C:\\Program Files\\Microsoft Visual Studio\\2022\\Enterprise\\VC\\Tools\\MSVC\\14.44.35207\\bin\\HostX86\\x64\\cl.exe',
    )
    const [gil] = compileCommands(m, win312, flags, compileSources(m, m.generated), () => 'x.obj')
    expect(gil.argv.filter(a => a.startsWith('-D'))).toEqual(['-DNPY', '-DA=1'])
    // The import library is found through pyconfig.h's pragma, never named on the link line.
    expect(linkCommand(m, win313t, noFlags, ['x.obj'], 'mod.cp313t-win_amd64.pyd').filter(a => /python3\d*t?\.lib/.test(a))).toEqual([])
  })

  it('passes drive letters, backslashes and spaces through as single arguments, never quoted', () => {
    const m = spec({
      directives: { ...emptyDirectives(), includeDirs: ['C:\\Program Files\\My Lib\\include'], libraryDirs: ['\\\\server\\share\\lib'] },
    })
    const [compile] = compileCommands(m, win312, noFlags, ['pkg/mod.c'], () => 'D:\\with space\\1-mod.c.obj')
    expect(compile.argv).toContain('-IC:\\Program Files\\My Lib\\include')
    expect(compile.argv).toContain('/FoD:\\with space\\1-mod.c.obj')
    expect(compile.argv.some(a => a.includes('"'))).toBe(false)
    expect(linkCommand(m, win312, noFlags, ['D:\\with space\\1-mod.c.obj'], 'D:\\with space\\mod.pyd')).toContain(
      '/LIBPATH:\\\\server\\share\\lib',
    )
  })

  it('runs cl and link with the PATH vcvars gave, replacing the Path of the environment whatever its case', () => {
    const env = compilerEnvironment(win312, { Path: 'C:\\Windows', TEMP: 'C:\\Temp' })
    expect(Object.keys(env).filter(k => k.toUpperCase() === 'PATH')).toEqual(['PATH'])
    expect(String(env.PATH).split(';').slice(0, 2)).toEqual([`${VC}\\bin\\HostX86\\x64`, `${VC}\\bin\\HostX86\\x86`])
    expect(env.TEMP).toBe('C:\\Temp')
    expect(env.MACOSX_DEPLOYMENT_TARGET).toBeUndefined()
  })

  it('a toolchain whose MSVC set-up failed refuses to make command lines, with setuptools message', () => {
    const broken: Toolchain = {
      ...win312,
      compiler: { type: 'error', error: 'DistutilsPlatformError: Microsoft Visual C++ 14.0 or greater is required.' },
    }
    expect(() => compileCommands(spec({}), broken, noFlags, ['pkg/mod.c'], () => 'x.obj')).toThrow(
      'Microsoft Visual C++ 14.0 or greater is required.',
    )
    expect(() => linkCommand(spec({}), broken, noFlags, ['x.obj'], 'x.pyd')).toThrow('Microsoft Visual C++ 14.0 or greater is required.')
  })
})

describe('macOS command lines, as setuptools build_ext runs them', () => {
  const CFLAGS = [
    '-fno-strict-overflow',
    '-Wsign-compare',
    '-Wunreachable-code',
    '-fno-common',
    '-dynamic',
    '-DNDEBUG',
    '-g',
    '-O3',
    '-Wall',
  ]
  const UNIVERSAL2 = ['-arch', 'arm64', '-arch', 'x86_64']
  const BUNDLE = ['-bundle', '-undefined', 'dynamic_lookup']
  const INCLUDE = '-I/Library/Frameworks/Python.framework/Versions/3.12/include/python3.12'

  it('C module on the universal2 python.org build: clang with both -arch, linked as a bundle with dynamic lookup', () => {
    const m = spec({})
    expect(cythonCommand(m, noFlags, '/s/mod.c')).toEqual(['-I', '.', '-o', '/s/mod.c', 'pkg/mod.pyx'])
    const [compile] = compileCommands(m, mac312, noFlags, compileSources(m, m.generated), () => '/s/1-mod.c.o')
    expect(compile.argv).toEqual(['clang', ...CFLAGS, ...UNIVERSAL2, INCLUDE, '-c', 'pkg/mod.c', '-o', '/s/1-mod.c.o'])
    expect(linkCommand(m, mac312, noFlags, ['/s/1-mod.c.o'], '/s/mod.cpython-312-darwin.so')).toEqual([
      'clang',
      ...BUNDLE,
      ...UNIVERSAL2,
      '/s/1-mod.c.o',
      '-o',
      '/s/mod.cpython-312-darwin.so',
    ])
  })

  it("C++ module: clang++ compiles; the link is compiler_cxx with its flags plus LDCXXSHARED's, as setuptools links C++", () => {
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp' })
    expect(cythonCommand(m, noFlags, '/s/mod.cpp')).toEqual(['--cplus', '-I', '.', '-o', '/s/mod.cpp', 'pkg/mod.pyx'])
    const [compile] = compileCommands(m, mac312, noFlags, compileSources(m, m.generated), () => '/s/1-mod.cpp.o')
    expect(compile.argv).toEqual(['clang++', ...CFLAGS, ...UNIVERSAL2, INCLUDE, '-c', 'pkg/mod.cpp', '-o', '/s/1-mod.cpp.o'])
    expect(linkCommand(m, mac312, noFlags, ['/s/1-mod.cpp.o'], '/s/mod.so')).toEqual([
      'clang++',
      ...CFLAGS,
      ...UNIVERSAL2,
      ...BUNDLE,
      ...UNIVERSAL2,
      '/s/1-mod.cpp.o',
      '-o',
      '/s/mod.so',
    ])
  })

  it('module with # distutils: libraries: -L/-l after the objects, a C helper of a C++ module compiled by clang', () => {
    const directives = {
      ...emptyDirectives(),
      language: 'c++' as const,
      libraries: ['z'],
      libraryDirs: ['vendor/lib'],
      includeDirs: ['vendor/include'],
      sources: ['pkg/helper.c'],
      defineMacros: [['A', '1']] as Array<[string, string | null]>,
      extraCompileArgs: ['-std=c++17'],
      extraLinkArgs: ['-framework', 'Accelerate'],
    }
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp', directives })
    const steps = compileCommands(m, mac312, noFlags, compileSources(m, m.generated), src => `build/${src.replace(/\.\w+$/, '.o')}`)
    expect(steps.map(s => s.argv)).toEqual([
      [
        'clang++',
        ...CFLAGS,
        ...UNIVERSAL2,
        '-DA=1',
        '-Ivendor/include',
        INCLUDE,
        '-c',
        'pkg/mod.cpp',
        '-o',
        'build/pkg/mod.o',
        '-std=c++17',
      ],
      [
        'clang',
        ...CFLAGS,
        ...UNIVERSAL2,
        '-DA=1',
        '-Ivendor/include',
        INCLUDE,
        '-c',
        'pkg/helper.c',
        '-o',
        'build/pkg/helper.o',
        '-std=c++17',
      ],
    ])
    expect(
      linkCommand(
        m,
        mac312,
        noFlags,
        steps.map(s => s.object),
        'out/mod.cpython-312-darwin.so',
      ),
    ).toEqual([
      'clang++',
      ...CFLAGS,
      ...UNIVERSAL2,
      ...BUNDLE,
      ...UNIVERSAL2,
      'build/pkg/mod.o',
      'build/pkg/helper.o',
      '-Lvendor/lib',
      '-lz',
      '-o',
      'out/mod.cpython-312-darwin.so',
      '-framework',
      'Accelerate',
    ])
  })

  it('ARCHFLAGS="-arch arm64" builds arm64 only: every -arch of the command is replaced, as compiler_fixup does', () => {
    // customize_compiler left '-arch x86_64 -arch arm64' in CFLAGS (its regex keeps a trailing -arch); compile time fixes it.
    expect(macArm64.compiler.type === 'unix' && macArm64.compiler.compilerSo.slice(-4)).toEqual(['-arch', 'x86_64', '-arch', 'arm64'])
    const m = spec({ language: 'c++', generated: 'pkg/mod.cpp' })
    const [compile] = compileCommands(m, macArm64, noFlags, compileSources(m, m.generated), () => '/s/1-mod.cpp.o')
    expect(compile.argv).toEqual(['clang++', ...CFLAGS, '-arch', 'arm64', INCLUDE, '-c', 'pkg/mod.cpp', '-o', '/s/1-mod.cpp.o'])
    expect(linkCommand(m, macArm64, noFlags, ['/s/1-mod.cpp.o'], '/s/mod.so')).toEqual([
      'clang++',
      ...CFLAGS,
      ...BUNDLE,
      '-arch',
      'arm64',
      '/s/1-mod.cpp.o',
      '-o',
      '/s/mod.so',
    ])
    const c = spec({})
    expect(linkCommand(c, macArm64, noFlags, ['/s/1-mod.c.o'], '/s/mod.so')).toEqual([
      'clang',
      ...BUNDLE,
      '-arch',
      'arm64',
      '/s/1-mod.c.o',
      '-o',
      '/s/mod.so',
    ])
  })

  it("an -arch or -isysroot among the user's arguments replaces the built-in ones", () => {
    const m = spec({ directives: { ...emptyDirectives(), extraCompileArgs: ['-arch', 'x86_64', '-isysroot', '/SDKs/MacOSX14.sdk'] } })
    const [compile] = compileCommands(m, mac312, noFlags, ['pkg/mod.c'], () => 'mod.o')
    expect(compile.argv).toEqual([
      'clang',
      ...CFLAGS,
      INCLUDE,
      '-c',
      'pkg/mod.c',
      '-o',
      'mod.o',
      '-arch',
      'x86_64',
      '-isysroot',
      '/SDKs/MacOSX14.sdk',
    ])
    expect(
      darwinFixup({ platform: 'darwin', archflags: null }, ['cc', '-isysroot/old', '-isysroot', '/older', '-O2'], ['-isysroot', '/new']),
    ).toEqual(['cc', '-O2'])
    expect(darwinFixup({ platform: 'linux', archflags: '-arch arm64' }, ['cc', '-arch', 'x86_64'], [])).toEqual(['cc', '-arch', 'x86_64'])
  })

  it('runs every compile and link with the deployment target the interpreter was built for', () => {
    const env = compilerEnvironment(mac312, { PATH: '/usr/bin', HOME: '/Users/runner' })
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/Users/runner', MACOSX_DEPLOYMENT_TARGET: '10.13' })
    const { buildEnv: _dropped, ...older } = mac312
    expect(compilerEnvironment(older, { PATH: '/usr/bin' })).toEqual({ PATH: '/usr/bin' })
  })

  it('free-threaded 3.13t: the t ABI in the suffix and the include dir, no extra macro (its pyconfig.h defines Py_GIL_DISABLED)', () => {
    expect(mac313t.extSuffix).toBe('.cpython-313t-darwin.so')
    expect(pythonAbi(mac313t)).toBe('cpython-313t-darwin')
    expect(pythonAbi(mac312)).toBe('cpython-312-darwin')
    const [compile] = compileCommands(spec({}), mac313t, noFlags, ['pkg/mod.c'], () => 'mod.o')
    expect(compile.argv).toContain('-I/Library/Frameworks/PythonT.framework/Versions/3.13/include/python3.13t')
    expect(compile.argv.filter(a => a.startsWith('-D'))).toEqual(['-DNDEBUG'])
  })
})

describe('recorded toolchain answers', () => {
  const linuxKeys = Object.keys(JSON.parse(fs.readFileSync(`${FIXTURES}/linux-debian12-cpython311.json`, 'utf8'))).sort()
  const names = fs.readdirSync(FIXTURES).filter(n => /^(windows|macos)-.*\.json$/.test(n))

  it.each(names)('%s has the Toolchain shape, says how it was made and how to re-record it', name => {
    const t = load(name) as Toolchain & { _recordedFrom?: string }
    expect(
      Object.keys(t)
        .filter(k => k !== '_recordedFrom' && k !== 'buildEnv')
        .sort(),
    ).toEqual(linuxKeys)
    expect(t._recordedFrom).toMatch(/^constructed from setuptools v\d+.*; re-record with: node dist\/cli\.js --show-toolchain --python PY$/)
    expect(
      t.extSuffix.startsWith(
        `.${t.platform === 'win32' ? 'cp' : 'cpython-'}${t.version.split('.').slice(0, 2).join('')}${t.freeThreaded ? 't' : ''}`,
      ),
    ).toBe(true)
    expect(t.compiler.type).toBe(t.platform === 'win32' ? 'msvc' : 'unix')
  })

  it('covers Windows and macOS, with and without the GIL', () => {
    expect(names.length).toBeGreaterThanOrEqual(4)
    expect(new Set(names.map(n => `${load(n).platform}/${load(n).freeThreaded}`))).toEqual(
      new Set(['win32/false', 'win32/true', 'darwin/false', 'darwin/true']),
    )
  })
})

describe('the toolchain query, run by a real Python', () => {
  it('turns a compiler set-up that fails (as MSVCCompiler.initialize does without Visual C++) into an error answer', () => {
    const prelude = [
      'try:',
      '    import setuptools  # its distutils, as the query sees it; Python 3.11 and older also have their own',
      'except ImportError:',
      '    pass',
      'from distutils import ccompiler, errors',
      'def no_compiler(*args, **kwargs):',
      '    raise errors.DistutilsPlatformError("Microsoft Visual C++ 14.0 or greater is required.")',
      'ccompiler.new_compiler = no_compiler',
    ].join('\n')
    const answer = JSON.parse(
      execFileSync(testPython(), ['-c', `${prelude}\n${TOOLCHAIN_QUERY}`], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop() as string,
    )
    expect(answer.compiler).toEqual({ type: 'error', error: 'DistutilsPlatformError: Microsoft Visual C++ 14.0 or greater is required.' })
    expect(answer.buildExt.source).toBe('setuptools')
  })

  it('answers buildEnv, empty off macOS', () => {
    const answer = JSON.parse(execFileSync(testPython(), ['-c', TOOLCHAIN_QUERY], { encoding: 'utf8' }).trim().split('\n').pop() as string)
    expect(answer.buildEnv).toEqual(process.platform === 'darwin' ? { MACOSX_DEPLOYMENT_TARGET: expect.any(String) } : {})
  })
})
