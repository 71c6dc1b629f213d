import * as core from '@actions/core'
import { cacheKeys } from '../cache/cache-keys.js'
import { createRemoteCache } from '../cache/remote-cache.js'
import type { StoreKeyParts } from '../engine/open-module-cache.js'
import { runnerSafe } from '../report/untrusted-text.js'

/** What main tells post through the runner's step state. */
const STATE = { key: 'store-key', dir: 'store-dir', hit: 'store-hit', built: 'store-built' } as const

const cacheLog = { warning: (m: string) => core.warning(m), info: (m: string) => core.info(runnerSafe(m)) }

/**
 * main: fills the local store from GitHub's cache. The primary key names this exact set of fingerprints; the
 * restore keys fall back to the newest store of the same toolchain, so a one-file change restores everything else.
 */
export function restoreFromGitHub(prefix: string): (parts: StoreKeyParts, dir: string) => Promise<void> {
  return async (parts, dir) => {
    // ImageOS (hosted runners only) keeps ubuntu22 and ubuntu24 stores apart: their glibc and gcc differ
    const keys = cacheKeys({ prefix, ...parts, image: process.env['ImageOS'] ?? '' })
    const result = await createRemoteCache(cacheLog).restore(dir, keys.primary, keys.restoreKeys)
    core.setOutput('cache-hit', result.hit)
    core.saveState(STATE.key, keys.primary)
    core.saveState(STATE.dir, dir)
    core.saveState(STATE.hit, result.hit)
    // The matched key comes back from the service: printed guarded like any text we did not write.
    core.info(runnerSafe(result.hit === 'none' ? 'Compile cache: nothing restored' : `Compile cache: restored ${result.hit} match ${result.matchedKey}`))
  }
}

/** main: how many modules this build compiled, so post saves only when the store changed. */
export function recordBuilt(built: number): void {
  core.saveState(STATE.built, String(built))
}

/** post: saves the store under the primary key, with exactly the `paths` string main restored with. */
export async function saveToGitHub(): Promise<void> {
  const key = core.getState(STATE.key)
  const dir = core.getState(STATE.dir)
  if (!key || !dir) return core.info('Compile cache: off, or the build did not get that far; nothing to save')
  if (Number(core.getState(STATE.built) || '0') === 0) return core.info('Compile cache: nothing was compiled, nothing to save')
  if (core.getState(STATE.hit) === 'exact') return core.info(`Compile cache: ${key} is already saved`)
  const result = await createRemoteCache(cacheLog).save(dir, key)
  core.info(`Compile cache: ${result === 'saved' ? `saved as ${key}` : result === 'exists' ? `${key} was saved by another job` : `not saved (${result})`}`)
}
