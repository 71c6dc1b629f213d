import { describe, expect, it } from '@jest/globals'

import { cacheKeys, shardStoreKey } from '../src/cache/cache-keys.js'
import { modulesOfShard, selectShard } from '../src/engine/select-shard.js'
import type { ModuleSpec } from '../src/plan/module-spec.js'
import { idealMakespan, predictedMakespan, splitIntoShards } from '../src/plan/shard.js'
import { emptyDirectives } from '../src/plan/source-directives.js'
import { parseShard } from '../src/settings/parse-inputs.js'

const items = (costs: Record<string, number>) => Object.entries(costs).map(([name, cost]) => ({ name, cost }))

describe('splitIntoShards (longest processing time first)', () => {
  it('puts each module, longest first, on the shard with the least work so far', () => {
    const shards = splitIntoShards(items({ a: 7, b: 6, c: 5, d: 4, e: 3, f: 2 }), 3)
    expect(shards).toEqual([
      { index: 1, modules: ['a', 'f'], predicted: 9 },
      { index: 2, modules: ['b', 'e'], predicted: 9 },
      { index: 3, modules: ['c', 'd'], predicted: 9 },
    ])
  })

  it('gives the same split whatever order the modules come in (ties broken by name, in code-point order)', () => {
    const list = items({ 'pkg.b': 5, 'pkg.a': 5, 'pkg.B': 5, 'pkg.é': 2, 'pkg.e': 2, z: 9, y: 0, x: 0 })
    const reference = splitIntoShards(list, 3)
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = [...list].sort(
        (p, q) => ((p.name.charCodeAt(p.name.length - 1) * seed) % 7) - ((q.name.charCodeAt(q.name.length - 1) * seed) % 7),
      )
      expect(splitIntoShards(shuffled, 3)).toEqual(reference)
    }
    expect(reference[0].modules[0]).toBe('z')
    // 'pkg.B' < 'pkg.a' < 'pkg.b' in code points (a locale collator would put B after a).
    expect(reference.map(s => s.modules[0])).toEqual(['z', 'pkg.B', 'pkg.a'])
  })

  it('covers every module exactly once, leaves extra shards empty, and stays within 4/3 of the ideal', () => {
    const list = items(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, ((i * 37) % 23) + 1])))
    for (const n of [1, 2, 3, 4, 7]) {
      const shards = splitIntoShards(list, n)
      expect(shards.flatMap(s => s.modules).sort()).toEqual(list.map(i => i.name).sort())
      expect(predictedMakespan(shards)).toBeLessThanOrEqual((4 / 3) * idealMakespan(list, n))
    }
    expect(splitIntoShards(items({ a: 1 }), 3).map(s => s.modules)).toEqual([['a'], [], []])
  })

  it('the ideal makespan is total / N, never below the longest module', () => {
    expect(idealMakespan(items({ a: 10, b: 2, c: 2 }), 2)).toBe(10)
    expect(idealMakespan(items({ a: 4, b: 4, c: 4 }), 2)).toBe(6)
    expect(idealMakespan([], 2)).toBe(0)
  })

  it('refuses a count that is not a whole number from 1 to 256', () => {
    expect(() => splitIntoShards([], 0)).toThrow(/^Invalid shard count 0/)
    expect(() => splitIntoShards([], 1.5)).toThrow(/^Invalid shard count/)
  })
})

describe('parseShard', () => {
  it('reads I/N, gather/N and empty', () => {
    expect(parseShard('2/3')).toEqual({ kind: 'part', index: 2, count: 3 })
    expect(parseShard(' 1 / 1 ')).toEqual({ kind: 'part', index: 1, count: 1 })
    expect(parseShard('Gather/4')).toEqual({ kind: 'gather', count: 4 })
    expect(parseShard('')).toBeNull()
  })

  it.each(['0/3', '4/3', '3', 'gather', 'gather/0', '1/300', 'a/b', '2/3/4'])('refuses %p with one line naming the forms', text => {
    expect(() => parseShard(text)).toThrow(
      new RegExp(`^Invalid shard "${text.replace(/[/]/g, '\\/')}": expected I/N .* or gather/N .*, or empty for one job$`),
    )
  })
})

describe('shard store keys', () => {
  const parts = {
    prefix: 'cython-fanout',
    platform: 'linux',
    arch: 'x86_64',
    pythonAbi: 'cpython-311',
    cythonVersion: '3.1.2',
    fingerprintsHash: 'ab'.repeat(32),
  }

  it('differ per shard and never start with the normal restore key', () => {
    const normal = cacheKeys(parts)
    const keys = [1, 2, 3].map(i => shardStoreKey(parts, i, 3))
    expect(new Set([...keys, normal.primary]).size).toBe(4)
    expect(keys[1]).toBe(`cython-fanout.shard2of3-linux-x86_64-cpython-311-cython3.1.2-${'ab'.repeat(32)}`)
    for (const key of keys) expect(key.startsWith(normal.restoreKeys[0])).toBe(false)
    expect(shardStoreKey(parts, 1, 2)).not.toBe(shardStoreKey(parts, 1, 3))
  })
})

describe('selectShard', () => {
  const spec = (name: string, size: number): ModuleSpec => ({
    name,
    source: `${name}.pyx`,
    kind: 'cython',
    language: 'c',
    directives: emptyDirectives(),
    generated: `${name}.c`,
    output: `${name}.so`,
    size,
  })
  const modules = [spec('big', 9000), spec('mid', 5000), spec('small1', 3000), spec('small2', 2000)]
  const part = { kind: 'part' as const, index: 2, count: 2 }

  it('weighs recorded durations, else size at the recorded rate, and says which it used', async () => {
    const none = await selectShard(modules, part, {}, async () => false)
    expect(none).toMatchObject({ basis: 'size', unit: 'bytes' })
    expect(none.shards.map(s => s.modules)).toEqual([['big'], ['mid', 'small1', 'small2']])
    const recorded = await selectShard(modules, part, { big: 1000, mid: 5000, small1: 3000, small2: 2000 }, async () => false)
    expect(recorded).toMatchObject({ basis: 'recorded', unit: 'ms' })
    expect(recorded.shards.map(s => s.modules)).toEqual([
      ['mid', 'big'],
      ['small1', 'small2'],
    ])
  })

  it('counts a module the store already holds as 0, and keeps the plan order in the shard', async () => {
    const selection = await selectShard(modules, part, {}, async m => m.name === 'big')
    expect(selection.shards.map(s => s.predicted)).toEqual([5000, 5000])
    // big (0) went last, to the first of the two equally loaded shards
    expect(selection.shards.map(s => s.modules)).toEqual([
      ['mid', 'big'],
      ['small1', 'small2'],
    ])
    expect(modulesOfShard(modules, { ...selection, index: 1 }).map(m => m.name)).toEqual(['big', 'mid'])
  })
})
