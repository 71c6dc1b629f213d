import { describe, expect, it } from '@jest/globals'

import { type CacheKeyParts, cacheKeys, MAX_KEY_LENGTH } from '../src/cache/cache-keys.js'

const parts: CacheKeyParts = {
  prefix: 'cython-fanout',
  platform: 'linux',
  arch: 'x64',
  pythonAbi: 'cpython-311-x86_64-linux-gnu',
  cythonVersion: '3.1.2',
  fingerprintsHash: 'a'.repeat(64),
}

describe('cacheKeys', () => {
  it('names the toolchain and the inputs in the primary key', () => {
    expect(cacheKeys(parts).primary).toBe(`cython-fanout-linux-x64-cpython-311-x86_64-linux-gnu-cython3.1.2-${'a'.repeat(64)}`)
  })

  it('falls back to the newest store of the same toolchain', () => {
    const keys = cacheKeys(parts)
    expect(keys.restoreKeys).toEqual(['cython-fanout-linux-x64-cpython-311-x86_64-linux-gnu-cython3.1.2-'])
    expect(keys.primary.startsWith(keys.restoreKeys[0])).toBe(true)
  })

  it('ends the restore key with a dash so one Cython version is not a prefix of another', () => {
    const short = cacheKeys({ ...parts, cythonVersion: '3.1' }).restoreKeys[0]
    const longer = cacheKeys({ ...parts, cythonVersion: '3.10' }).primary
    expect(longer.startsWith(short)).toBe(false)
  })

  it("puts the runner image after the platform when known, so one image's store is not restored on another", () => {
    const on24 = cacheKeys({ ...parts, image: 'ubuntu24' })
    expect(on24.restoreKeys).toEqual(['cython-fanout-linux-ubuntu24-x64-cpython-311-x86_64-linux-gnu-cython3.1.2-'])
    expect(on24.primary.startsWith(cacheKeys({ ...parts, image: 'ubuntu22' }).restoreKeys[0])).toBe(false)
    expect(cacheKeys({ ...parts, image: ' ' }).primary).toBe(cacheKeys(parts).primary)
  })

  it('uses the default prefix when none is given', () => {
    expect(cacheKeys({ ...parts, prefix: '' }).primary.startsWith('cython-fanout-linux-')).toBe(true)
    expect(cacheKeys({ ...parts, prefix: '  ' }).primary.startsWith('cython-fanout-linux-')).toBe(true)
  })

  it('keeps a custom prefix', () => {
    expect(cacheKeys({ ...parts, prefix: 'myproj-v2' }).primary.startsWith('myproj-v2-linux-x64-')).toBe(true)
  })

  it('replaces commas and whitespace, which the cache service cannot take in a key', () => {
    const keys = cacheKeys({ ...parts, prefix: 'a,b c\nd', cythonVersion: '3.1,2' })
    expect(keys.primary).not.toMatch(/[,\s]/)
    expect(keys.primary.startsWith('a_b_c_d-linux-x64-')).toBe(true)
    expect(keys.restoreKeys[0]).toContain('cython3.1_2-')
  })

  it('fits an over-long prefix into 512 characters and keeps the restore key a prefix of the primary', () => {
    const keys = cacheKeys({ ...parts, prefix: 'p'.repeat(600) })
    expect(keys.primary.length).toBeLessThanOrEqual(MAX_KEY_LENGTH)
    expect(keys.restoreKeys[0].endsWith('-')).toBe(true)
    expect(keys.primary.startsWith(keys.restoreKeys[0])).toBe(true)
    expect(keys.primary.endsWith('a'.repeat(64))).toBe(true)
  })

  it('keeps long toolchains distinct after shortening', () => {
    const one = cacheKeys({ ...parts, prefix: 'p'.repeat(600), cythonVersion: '3.1.2' })
    const two = cacheKeys({ ...parts, prefix: 'p'.repeat(600), cythonVersion: '3.1.3' })
    expect(one.restoreKeys[0]).not.toBe(two.restoreKeys[0])
  })

  it('is deterministic', () => {
    const long = { ...parts, prefix: 'p'.repeat(600), fingerprintsHash: 'f'.repeat(1000) }
    expect(cacheKeys(long)).toEqual(cacheKeys(long))
  })

  it('condenses an over-long fingerprints hash', () => {
    const keys = cacheKeys({ ...parts, fingerprintsHash: 'f'.repeat(1000) })
    expect(keys.primary.length).toBeLessThanOrEqual(MAX_KEY_LENGTH)
    expect(keys.primary).not.toContain('f'.repeat(200))
    expect(keys.primary.startsWith(keys.restoreKeys[0])).toBe(true)
  })

  it('refuses an empty fingerprints hash, which would make the primary key equal the restore key', () => {
    expect(() => cacheKeys({ ...parts, fingerprintsHash: ' ' })).toThrow(/fingerprintsHash/)
  })
})
