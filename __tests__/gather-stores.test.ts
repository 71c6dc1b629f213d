import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { gatherShardStores } from '../src/action/gather-stores.js'
import type { RemoteCache } from '../src/cache/remote-cache.js'

/** A cache whose entries are directories on disk: restoring one copies it over the target, as tar extraction does. */
function directoryCache(entries: Record<string, string>): RemoteCache & { restored: string[] } {
  const restored: string[] = []
  return {
    restored,
    async restore(dir, primary) {
      restored.push(primary)
      if (!entries[primary]) return { hit: 'none' }
      fs.cpSync(entries[primary], dir, { recursive: true, force: true })
      return { hit: 'exact', matchedKey: primary }
    },
    async save() {
      return 'skipped'
    },
  }
}

function storeWith(durations: Record<string, number>, entry?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-gather-'))
  fs.writeFileSync(path.join(dir, 'durations.json'), JSON.stringify(durations))
  if (entry) {
    fs.mkdirSync(path.join(dir, 'v1', entry.slice(0, 2), entry), { recursive: true })
    fs.writeFileSync(path.join(dir, 'v1', entry.slice(0, 2), entry, 'manifest.json'), '{}')
  }
  return dir
}

describe('gatherShardStores', () => {
  it("lays every shard's store over the common one and keeps each shard's new durations", async () => {
    const target = storeWith({ a: 1, b: 2, c: 3 })
    const [e1, e2] = ['1'.repeat(64), '2'.repeat(64)]
    const cache = directoryCache({ k1: storeWith({ a: 10, b: 2, c: 3 }, e1), k2: storeWith({ a: 1, b: 20, c: 3 }, e2) })
    const notes: string[] = []
    const merged = await gatherShardStores(cache, target, ['k1', 'k2', 'k3'], { info: m => notes.push(m), warning: m => notes.push(m) })
    expect(merged).toBe(2)
    expect(cache.restored).toEqual(['k1', 'k2', 'k3'])
    expect(JSON.parse(fs.readFileSync(path.join(target, 'durations.json'), 'utf8'))).toEqual({ a: 10, b: 20, c: 3 })
    for (const e of [e1, e2]) expect(fs.existsSync(path.join(target, 'v1', e.slice(0, 2), e, 'manifest.json'))).toBe(true)
    expect(notes).toContain('Compile cache: merged 2 of 3 shard stores')
    expect(notes.some(n => n.startsWith('Compile cache: no store from shard 3/3 (k3)'))).toBe(true)
  })

  it('with no shard store at all, leaves the store as it was', async () => {
    const target = storeWith({ a: 1 })
    const merged = await gatherShardStores(directoryCache({}), target, ['k1', 'k2'], { info: () => undefined, warning: () => undefined })
    expect(merged).toBe(0)
    expect(JSON.parse(fs.readFileSync(path.join(target, 'durations.json'), 'utf8'))).toEqual({ a: 1 })
  })
})
