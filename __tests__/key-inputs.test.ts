import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { compilerVariables, environmentIncludeDirs, environmentKey } from '../src/cache/environment-inputs.js'
import { sha256Hex } from '../src/cache/fingerprint.js'
import { changedInput } from '../src/cache/input-recheck.js'
import { linkInputFiles, parseLinkArgs } from '../src/cache/link-inputs.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'

/** The pure parts of what goes into a module's key besides its sources: environment and link inputs. */

const linux = { platform: 'linux', msvc: false, workingDirectory: '/work/proj' }

describe('environmentKey', () => {
  it('keys every variable gcc, clang or setuptools read, sorted, and nothing else', () => {
    const env = { CPATH: '/opt/inc', LIBRARY_PATH: '/opt/lib', CFLAGS: '-O3', HOME: '/root', PATH: '/usr/bin', GCC_EXEC_PREFIX: '/x/' }
    expect(environmentKey(env, linux)).toEqual(['CFLAGS=-O3', 'CPATH=/opt/inc', 'GCC_EXEC_PREFIX=/x/', 'LIBRARY_PATH=/opt/lib'])
    expect(environmentKey({}, linux)).toEqual([])
  })

  it('keys a dir inside the working directory relative to it, so checkouts elsewhere share keys', () => {
    const a = environmentKey({ CPATH: '/work/proj/include:/opt/inc' }, linux)
    const b = environmentKey({ CPATH: '/ci/checkout/include:/opt/inc' }, { ...linux, workingDirectory: '/ci/checkout' })
    expect(a).toEqual(['CPATH=./include:/opt/inc'])
    expect(b).toEqual(a)
    expect(environmentKey({ CPATH: 'include' }, linux)).toEqual(a.map(v => v.replace(':/opt/inc', '')))
  })

  it('adds the macOS and MSVC variables only where they are read; Windows names ignore case', () => {
    expect(compilerVariables({ platform: 'darwin', msvc: false })).toEqual(expect.arrayContaining(['SDKROOT', 'MACOSX_DEPLOYMENT_TARGET']))
    expect(compilerVariables({ platform: 'linux', msvc: false })).not.toContain('SDKROOT')
    expect(compilerVariables({ platform: 'win32', msvc: true })).toEqual(
      expect.arrayContaining(['INCLUDE', 'LIB', 'LIBPATH', 'CL', '_CL_']),
    )
    expect(compilerVariables({ platform: 'linux', msvc: false })).not.toContain('LIB')
    const win = { platform: 'win32', msvc: true, workingDirectory: 'C:\\proj' }
    expect(environmentKey({ Include: 'C:\\sdk\\inc;C:\\proj\\inc', _cl_: '/O2' }, win)).toEqual(['INCLUDE=C:\\sdk\\inc;./inc', '_CL_=/O2'])
  })

  it('lists the header dirs the environment adds, resolved, in order, without duplicates', () => {
    expect(environmentIncludeDirs({ CPATH: 'inc::/opt/inc', C_INCLUDE_PATH: '/opt/inc:/c' }, linux)).toEqual([
      '/work/proj/inc',
      '/work/proj',
      '/opt/inc',
      '/c',
    ])
    expect(environmentIncludeDirs({ INCLUDE: '/not/read/by/gcc' }, linux)).toEqual([])
  })
})

describe('linkInputFiles', () => {
  const spec = (directives: Partial<ModuleSpec['directives']>): ModuleSpec =>
    ({
      name: 'm',
      directives: {
        libraries: [],
        libraryDirs: [],
        includeDirs: [],
        sources: [],
        defineMacros: [],
        extraCompileArgs: [],
        extraLinkArgs: [],
        ...directives,
      },
    }) as unknown as ModuleSpec
  const wd = path.resolve('/work/proj')
  const present = new Set(['lib/libfoo.a', 'lib/libfoo.so', 'vendor/libbar.a', 'objs/x.o', 'other/baz.lib'].map(f => path.join(wd, f)))
  const exists = (file: string): boolean => present.has(file)

  it('finds libraries through library_dirs and -L, archives and objects named in link-args, inside the project only', () => {
    const files = linkInputFiles(
      spec({ libraries: ['foo', 'm'], libraryDirs: ['lib', '/usr/lib'] }),
      { workingDirectory: wd, linkArgs: ['-Lvendor', '-l', 'bar', 'objs/x.o', '/usr/lib/libc.a', '-Wl,-rpath,$ORIGIN'], msvc: false },
      exists,
    )
    expect(files.map(f => f.key).sort()).toEqual(['lib/libfoo.a', 'lib/libfoo.so', 'objs/x.o', 'vendor/libbar.a'])
    expect(files.find(f => f.key === 'objs/x.o')?.path).toBe(path.join(wd, 'objs/x.o'))
  })

  it('reads -l:name, -Wl, lists and MSVC /LIBPATH:', () => {
    expect(parseLinkArgs(['-l:libq.a', '-Wl,--whole-archive,a/libw.a,--no-whole-archive', '-lz'], false)).toEqual({
      files: ['a/libw.a'],
      libraries: ['z'],
      exactNames: ['libq.a'],
      libraryDirs: [],
    })
    expect(parseLinkArgs(['/LIBPATH:other', 'baz.lib', '/DEBUG'], true)).toEqual({
      files: ['baz.lib'],
      libraries: [],
      exactNames: [],
      libraryDirs: ['other'],
    })
    const files = linkInputFiles(spec({}), { workingDirectory: wd, linkArgs: ['/LIBPATH:other', 'baz.lib'], msvc: true }, exists)
    expect(files.map(f => f.key)).toEqual(['other/baz.lib'])
  })
})

describe('changedInput', () => {
  it('names the first input whose bytes differ from its fingerprint, or that is gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recheck-'))
    const a = path.join(dir, 'a.pyx')
    const b = path.join(dir, 'b.pxd')
    fs.writeFileSync(a, 'A')
    fs.writeFileSync(b, 'B')
    const inputs = [
      { key: 'a.pyx', path: a, sha256: sha256Hex('A') },
      { key: 'b.pxd', path: b, sha256: sha256Hex('B') },
    ]
    expect(await changedInput(inputs)).toBeUndefined()
    fs.writeFileSync(b, 'B2')
    expect(await changedInput(inputs)).toBe('b.pxd')
    fs.rmSync(a)
    expect(await changedInput(inputs)).toBe('a.pyx')
    fs.rmSync(dir, { recursive: true })
  })
})
