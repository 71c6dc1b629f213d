import * as core from '@actions/core'

import { cacheKeys, shardStoreKey } from '../cache/cache-keys.js'
import { createRemoteCache } from '../cache/remote-cache.js'
import type { StoreKeyParts } from '../engine/open-module-cache.js'
import { runnerSafe } from '../report/untrusted-text.js'
import type { ShardRequest } from '../settings/parse-inputs.js'
import { gatherShardStores } from './gather-stores.js'

/** What main tells post through the runner's step state. */
const STATE = { key: 'store-key', dir: 'store-dir', hit: 'store-hit', built: 'store-built', merged: 'store-merged' } as const

const cacheLog = { warning: (m: string) => core.warning(m), info: (m: string) => core.info(runnerSafe(m)) }

/**
 * main: fills the local store from GitHub's cache. The primary key names this exact set of fingerprints; the
 * restore keys fall back to the newest store of the same toolchain, so a one-file change restores everything else.
 *
 * A shard (`I/N`) restores the same way (so every shard sees the same store and computes the same split) and saves
 * under its own shard key. The gather step (`gather/N`) then lays every shard's store over that one.
 */
export function restoreFromGitHub(prefix: string, shard: ShardRequest | null = null): (parts: StoreKeyParts, dir: string) => Promise<void> {
  return async (parts, dir) => {
    // ImageOS (hosted runners only) keeps ubuntu22 and ubuntu24 stores apart: their glibc and gcc differ
    const keyParts = { prefix, ...parts, image: process.env['ImageOS'] ?? '' }
    const keys = cacheKeys(keyParts)
    const remote = createRemoteCache(cacheLog)
    const result = await remote.restore(dir, keys.primary, keys.restoreKeys)
    core.setOutput('cache-hit', result.hit)
    const saveKey = shard?.kind === 'part' ? shardStoreKey(keyParts, shard.index, shard.count) : keys.primary
    core.saveState(STATE.key, saveKey)
    core.saveState(STATE.dir, dir)
    core.saveState(STATE.hit, result.hit)
    // The matched key comes back from the service: printed guarded like any text we did not write.
    core.info(
      runnerSafe(
        result.hit === 'none' ? 'Compile cache: nothing restored' : `Compile cache: restored ${result.hit} match ${result.matchedKey}`,
      ),
    )
    if (shard?.kind === 'gather' && result.hit !== 'exact') {
      const shardKeys = Array.from({ length: shard.count }, (_, i) => shardStoreKey(keyParts, i + 1, shard.count))
      const merged = await gatherShardStores(remote, dir, shardKeys, cacheLog)
      core.saveState(STATE.merged, String(merged))
    }
  }
}

/** main: how many modules this build compiled, so post saves only when the store changed. */
export function recordBuilt(built: number): void {
  core.saveState(STATE.built, String(built))
}

/**
 * post: saves the store under the key main chose (the primary key; a shard's own key for `I/N`), with exactly the
 * `paths` string main restored with. A gather step saves whenever it merged a shard's store, even having compiled
 * nothing itself, so the next run finds the whole store under the normal key.
 */
export async function saveToGitHub(): Promise<void> {
  const key = core.getState(STATE.key)
  const dir = core.getState(STATE.dir)
  if (!key || !dir) return core.info('Compile cache: off, or the build did not get that far; nothing to save')
  const merged = Number(core.getState(STATE.merged) || '0')
  if (Number(core.getState(STATE.built) || '0') === 0 && merged === 0)
    return core.info('Compile cache: nothing was compiled, nothing to save')
  if (core.getState(STATE.hit) === 'exact') return core.info(`Compile cache: ${key} is already saved`)
  const result = await createRemoteCache(cacheLog).save(dir, key)
  core.info(
    `Compile cache: ${result === 'saved' ? `saved as ${key}` : result === 'exists' ? `${key} was saved by another job` : `not saved (${result})`}`,
  )
}
