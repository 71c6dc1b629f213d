import { ModuleStore } from '../cache/module-store.js'
import type { CacheLog, RemoteCache } from '../cache/remote-cache.js'

/**
 * The gather step's merge: each shard's store restored exactly into the same directory, over the store restored
 * before (entries are content-addressed, so files of the same name are the same bytes and later ones add to earlier
 * ones). Only durations.json is one file per store: each shard's copy is the common store's plus what that shard
 * built, so a duration that differs from the common store's is that shard's news and wins.
 *
 * A shard whose store is missing (it never ran, failed before saving, or built nothing) is only a note: the build
 * that follows compiles whatever is still missing. Returns how many shard stores were merged.
 */
export async function gatherShardStores(remote: RemoteCache, dir: string, shardKeys: string[], log: CacheLog): Promise<number> {
  const store = new ModuleStore(dir)
  const base = await store.readDurations()
  let durations = { ...base }
  let merged = 0
  for (const [i, key] of shardKeys.entries()) {
    const result = await remote.restore(dir, key, [])
    if (result.hit !== 'exact') {
      log.info(
        `Compile cache: no store from shard ${i + 1}/${shardKeys.length} (${key}): it compiled nothing, failed before saving, or never ran; whatever of its part the store lacks is built here`,
      )
      continue
    }
    merged++
    durations = { ...durations, ...newerThan(base, await store.readDurations()) }
    log.info(`Compile cache: merged the store of shard ${i + 1}/${shardKeys.length}`)
  }
  if (merged > 0) await store.writeDurations(durations)
  log.info(`Compile cache: merged ${merged} of ${shardKeys.length} shard stores`)
  return merged
}

function newerThan(base: Record<string, number>, shard: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(shard).filter(([name, ms]) => base[name] !== ms))
}
