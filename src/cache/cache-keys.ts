import { createHash } from 'node:crypto'

import { DEFAULT_CACHE_KEY_PREFIX } from '../settings/defaults.js'

/** What identifies a store of built modules: the toolchain it was built with, and the inputs it holds. */
export interface CacheKeyParts {
  prefix: string
  platform: string
  /** The runner image (GitHub's `ImageOS`, e.g. `ubuntu24`), when known: images differ in libc and system compiler. */
  image?: string
  arch: string
  pythonAbi: string
  cythonVersion: string
  fingerprintsHash: string
}

export interface CacheKeys {
  primary: string
  restoreKeys: string[]
}

/** The cache service refuses keys longer than this (ValidationError in @actions/cache). */
export const MAX_KEY_LENGTH = 512

/** A digest is shortened to this many hex characters when a part must be condensed to fit. */
const DIGEST_CHARS = 16

/** Room kept for the fingerprints hash; a longer one is condensed to a digest. */
const MAX_HASH_LENGTH = 128

/**
 * The primary key names one exact store (toolchain + inputs); the single restore key is the toolchain part, so a miss
 * falls back to the newest store built with the same toolchain, whose unchanged modules are still valid.
 */
export function cacheKeys(parts: CacheKeyParts): CacheKeys {
  const hash = fitHash(keyPart(parts.fingerprintsHash))
  if (hash === '') throw new Error('cacheKeys: fingerprintsHash is empty; expected a non-empty hash string (e.g. hex sha256)')
  const toolchain = fitToolchain(toolchainPrefix(parts), MAX_KEY_LENGTH - hash.length)
  return { primary: toolchain + hash, restoreKeys: [toolchain] }
}

/**
 * `${prefix}-${platform}[-${image}]-${arch}-${abi}-cython${version}-`: the trailing dash keeps `cython3.1-` from
 * matching `cython3.10-`.
 */
function toolchainPrefix(parts: CacheKeyParts): string {
  const prefix = keyPart(parts.prefix) || DEFAULT_CACHE_KEY_PREFIX
  const image = keyPart(parts.image ?? '')
  const fields = [prefix, parts.platform, ...(image ? [image] : []), parts.arch, parts.pythonAbi, `cython${parts.cythonVersion}`]
  return fields.map(keyPart).join('-') + '-'
}

/** Commas split keys in the service's lookup, and whitespace breaks line-based key lists: both become `_`. */
function keyPart(text: string): string {
  return text.trim().replace(/[,\s\p{Cc}]/gu, '_')
}

function fitHash(hash: string): string {
  return hash.length <= MAX_HASH_LENGTH ? hash : digest(hash)
}

/**
 * Shortens an over-long toolchain part deterministically: keep its head, then a digest of the whole, so distinct
 * toolchains stay distinct and the result still ends with `-` (it stays a prefix of the primary key).
 */
function fitToolchain(toolchain: string, room: number): string {
  if (toolchain.length <= room) return toolchain
  const tail = `~${digest(toolchain)}-`
  return toolchain.slice(0, room - tail.length) + tail
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, DIGEST_CHARS)
}

/**
 * The key a shard (`shard: I/N`) saves its store under: the build's primary key with `.shard<I>of<N>` joined to the
 * prefix. The normal restore key is never a prefix of it, so a later build never restores one shard's partial store
 * as if it were a whole one; the gather step computes all N keys from its own fingerprints and restores each exactly.
 */
export function shardStoreKey(parts: CacheKeyParts, index: number, count: number): string {
  return cacheKeys({ ...parts, prefix: `${keyPart(parts.prefix) || DEFAULT_CACHE_KEY_PREFIX}.shard${index}of${count}` }).primary
}
