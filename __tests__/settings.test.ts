import { describe, expect, it } from '@jest/globals'

import { parseBoolean, parseDefines, parseDuration, parseJobs, parsePathList } from '../src/settings/parse-inputs.js'
import { parseSettings } from '../src/settings/settings.js'
import { splitShellWords } from '../src/settings/shell-words.js'

describe('splitShellWords', () => {
  it.each([
    ['-3 -X boundscheck=False', ['-3', '-X', 'boundscheck=False']],
    ['  -a   -b  ', ['-a', '-b']],
    [`-X "embedsignature=True" 'a b'`, ['-X', 'embedsignature=True', 'a b']],
    ['say\\ hi', ['say hi']],
    [`"a \\"q\\" b"`, ['a "q" b']],
    ['""', ['']],
    // Metacharacters stay literal: nothing here is ever run by a shell.
    ['; rm -rf / | cat $HOME `id` && *', [';', 'rm', '-rf', '/', '|', 'cat', '$HOME', '`id`', '&&', '*']],
    ['', []],
  ])('%j', (text, words) => {
    expect(splitShellWords(text, 'cython-args')).toEqual(words)
  })

  it('names the input when a quote is left open', () => {
    expect(() => splitShellWords(`-X "oops`, 'compile-args')).toThrow(/^Invalid compile-args: unclosed " quote/)
  })
})

describe('parseJobs', () => {
  it.each([
    ['', 'auto'],
    ['auto', 'auto'],
    [' AUTO ', 'auto'],
    ['1', 1],
    ['64', 64],
  ])('%j -> %j', (text, jobs) => expect(parseJobs(text)).toBe(jobs))

  it.each(['0', '-2', '1.5', 'four', '4x', '1e3'])('rejects %j with the accepted forms', text => {
    expect(() => parseJobs(text)).toThrow(`Invalid jobs "${text}": expected "auto" or a positive whole number such as 4`)
  })
})

describe('other inputs', () => {
  it('parses booleans the way workflow authors write them', () => {
    expect(parseBoolean('', 'fail-fast', false)).toBe(false)
    expect(parseBoolean('True', 'fail-fast', false)).toBe(true)
    expect(parseBoolean('no', 'cache', true)).toBe(false)
    expect(() => parseBoolean('maybe', 'cache', true)).toThrow('Invalid cache "maybe": expected true or false')
  })

  it('parses defines', () => {
    expect(parseDefines('A B=1\nC="x y"')).toEqual([
      ['A', null],
      ['B', '1'],
      ['C', 'x y'],
    ])
    expect(() => parseDefines('1BAD=2')).toThrow(/^Invalid define "1BAD=2": expected NAME or NAME=VALUE/)
  })

  it('parses durations', () => {
    expect(parseDuration('', 'timeout-per-file')).toBeNull()
    expect(parseDuration('90', 'timeout-per-file')).toBe(90_000)
    expect(parseDuration('10m', 'timeout-per-file')).toBe(600_000)
    expect(parseDuration('1.5h', 'timeout-per-file')).toBe(5_400_000)
    expect(() => parseDuration('soon', 'timeout-per-file')).toThrow(
      /^Invalid timeout-per-file "soon": expected a duration such as 600, 90s, 10m or 1h/,
    )
    expect(() => parseDuration('0', 'timeout-per-file')).toThrow(/Invalid timeout-per-file/)
  })

  it('takes paths one per line, or comma separated on one line', () => {
    expect(parsePathList('a dir/with space\n# comment\n\nb')).toEqual(['a dir/with space', 'b'])
    expect(parsePathList('inc, third_party/inc')).toEqual(['inc', 'third_party/inc'])
  })
})

describe('parseSettings', () => {
  const defaults = { baseDirectory: '/ws', cacheDir: '/tmp/cache', pruneUnusedCacheEntries: true }

  it('fills every default', () => {
    const s = parseSettings({}, defaults)
    expect(s.sources).toEqual(['**/*.pyx'])
    expect(s.workingDirectory).toBe('/ws')
    expect(s.python).toBeNull()
    expect(s.jobs).toBe('auto')
    expect(s.outputDir).toBeNull()
    expect(s.failFast).toBe(false)
    expect(s.cache).toMatchObject({ enabled: true, dir: '/tmp/cache', keyPrefix: 'cython-fanout' })
    expect(s.memoryPerJob).toBeGreaterThan(0)
  })

  it('resolves paths against the working directory', () => {
    const s = parseSettings(
      { 'working-directory': 'pkg', 'output-dir': 'out', report: 'r.json', sources: 'a/*.pyx\n!a/_bench_*.pyx' },
      defaults,
    )
    expect(s.workingDirectory).toBe('/ws/pkg')
    expect(s.outputDir).toBe('/ws/pkg/out')
    expect(s.reportPath).toBe('/ws/pkg/r.json')
    expect(s.sources).toEqual(['a/*.pyx', '!a/_bench_*.pyx'])
  })

  it('rejects a bad memory-per-job and a bad cache-key-prefix with one line each', () => {
    expect(() => parseSettings({ 'memory-per-job': 'lots' }, defaults)).toThrow(/^Invalid memory-per-job "lots"/)
    expect(() => parseSettings({ 'cache-key-prefix': 'a,b' }, defaults)).toThrow(
      /^Invalid cache-key-prefix "a,b": expected a short name without commas/,
    )
  })
})
