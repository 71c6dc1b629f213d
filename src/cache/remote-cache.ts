import { existsSync } from 'node:fs'

// A namespace import: @github/local-action's stub of @actions/cache exports only restoreCache/saveCache, and a named
// import of anything else would crash under it.
import * as cache from '@actions/cache'

import { errorText } from '../errors/error-text.js'

export type RestoreHit = 'exact' | 'partial' | 'none'

export interface RestoreResult {
  hit: RestoreHit
  matchedKey?: string
}

export type SaveResult = 'saved' | 'exists' | 'skipped' | 'failed'

/**
 * The GitHub Actions cache, seen as a place to keep one directory between runs. Never throws: caching is an
 * optimisation, so every failure becomes a warning and a miss.
 *
 * `dir` must be the very same string in restore and save (and across runs): the cache version is a hash of the path
 * strings, so `./store` and `/abs/store` name different caches and the second would miss silently.
 */
export interface RemoteCache {
  restore(dir: string, primary: string, restoreKeys: string[]): Promise<RestoreResult>
  save(dir: string, key: string): Promise<SaveResult>
}

export interface CacheLog {
  warning(message: string): void
  info(message: string): void
}

export interface RemoteCacheOptions {
  /** Longest wait for a restore (and for the existence check after a refused save). */
  timeoutMs?: number
  /** Longest wait for a save: archive, upload and finalize. */
  saveTimeoutMs?: number
}

export const DEFAULT_RESTORE_TIMEOUT_MS = 60_000
export const DEFAULT_SAVE_TIMEOUT_MS = 600_000

/** @actions/cache's own per-request download timeout (Azure SDK path). */
const SDK_REQUEST_TIMEOUT_MS = 30_000

const TIMED_OUT = Symbol('timed out')

export function createRemoteCache(log: CacheLog, options: RemoteCacheOptions = {}): RemoteCache {
  const restoreTimeout = options.timeoutMs ?? DEFAULT_RESTORE_TIMEOUT_MS
  const saveTimeout = options.saveTimeoutMs ?? DEFAULT_SAVE_TIMEOUT_MS

  async function restore(dir: string, primary: string, restoreKeys: string[]): Promise<RestoreResult> {
    if (!serviceAvailable(log, 'restore')) return { hit: 'none' }
    try {
      const work = cache.restoreCache([dir], primary, restoreKeys, downloadOptions(restoreTimeout))
      const matched = await within(restoreTimeout, work)
      if (matched === TIMED_OUT) return timedOutRestore(work, dir)
      if (matched === undefined) return { hit: 'none' }
      return { hit: matched === primary ? 'exact' : 'partial', matchedKey: matched }
    } catch (err) {
      log.warning(`Compile cache: restore failed, building without it: ${cacheErrorText(err)}`)
      return { hit: 'none' }
    }
  }

  /** The abandoned restore cannot be cancelled (no AbortSignal in @actions/cache): say so if it still lands. */
  function timedOutRestore(work: Promise<string | undefined>, dir: string): RestoreResult {
    log.warning(`Compile cache: restore gave no answer within ${restoreTimeout} ms, building without it`)
    void work.then(
      late => late && log.warning(`Compile cache: the abandoned restore of ${late} completed late and wrote into ${dir}`),
      () => undefined,
    )
    return { hit: 'none' }
  }

  async function save(dir: string, key: string): Promise<SaveResult> {
    if (!serviceAvailable(log, 'save')) return 'skipped'
    if (!cacheWritable()) {
      log.info(`Compile cache: not saved, ACTIONS_CACHE_MODE=${cacheMode()} does not allow writes`)
      return 'skipped'
    }
    if (!existsSync(dir)) {
      log.info(`Compile cache: not saved, ${dir} does not exist`)
      return 'skipped'
    }
    try {
      const id = await within(saveTimeout, cache.saveCache([dir], key))
      if (id === TIMED_OUT) {
        log.warning(`Compile cache: save of ${key} gave no answer within ${saveTimeout} ms`)
        return 'failed'
      }
      if (id !== -1) return 'saved'
      return await explainRefusal(dir, key)
    } catch (err) {
      log.warning(`Compile cache: save of ${key} failed: ${cacheErrorText(err)}`)
      return 'failed'
    }
  }

  /**
   * saveCache returns -1 both when another job already holds the key (normal with parallel jobs) and when the
   * service failed: a lookup of the exact key tells them apart.
   */
  async function explainRefusal(dir: string, key: string): Promise<SaveResult> {
    const found = await within(restoreTimeout, cache.restoreCache([dir], key, [], { lookupOnly: true }))
    if (found === key) {
      log.info(`Compile cache: ${key} already exists (another job saved it first), nothing to do`)
      return 'exists'
    }
    log.warning(
      `Compile cache: ${key} was not saved and no finished entry exists (the service failed, or another job is still uploading it); see the cache messages above`,
    )
    return 'failed'
  }

  return { restore, save }
}

/** The runner sets the service URL only where a cache service exists (not on GHES without cache, not locally). */
function serviceAvailable(log: CacheLog, action: 'restore' | 'save'): boolean {
  // Guarded: @github/local-action's stub has no isFeatureAvailable.
  const available = typeof cache.isFeatureAvailable === 'function' ? cache.isFeatureAvailable() : true
  if (!available)
    log.warning(`Compile cache: no GitHub cache service here (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL unset), ${action} skipped`)
  return available
}

/** Mirrors @actions/cache's reading of ACTIONS_CACHE_MODE, so a refused write is not mistaken for a failure. */
function cacheMode(): string {
  return (process.env['ACTIONS_CACHE_MODE'] ?? '').trim().toLowerCase()
}

function cacheWritable(): boolean {
  return !['none', 'read'].includes(cacheMode())
}

/** Bounds the Azure SDK download (the hosted service's blob store); a localhost URL is a plain GET without them. */
function downloadOptions(timeoutMs: number): cache.DownloadOptions {
  return { timeoutInMs: Math.min(SDK_REQUEST_TIMEOUT_MS, timeoutMs), segmentTimeoutInMs: timeoutMs }
}

async function within<T>(ms: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<typeof TIMED_OUT>(resolve => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The toolkit's error classes (ValidationError, ReserveCacheError) say what went wrong: keep their names. */
function cacheErrorText(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name
  return typeof name === 'string' && name !== 'Error' ? `${name}: ${errorText(err)}` : errorText(err)
}
