import * as crypto from 'node:crypto'

/**
 * Content fingerprints for the module cache. Pure: the same inputs give the same hex on every machine, so a
 * fresh CI checkout (new file times, another absolute path) still hits.
 */

const MODULE_FORMAT = 'cython-fanout module fingerprint v1'
const COMBINED_FORMAT = 'cython-fanout combined fingerprint v1'
const SHA256_HEX = /^[0-9a-f]{64}$/

/**
 * sha256 hex over the module's files (key + content hash, in key order) and the build context (toolchain, flags,
 * ABI, module name, output path: whatever else changes the result). Never file times, never absolute paths.
 */
export function moduleFingerprint(files: Array<{ key: string; sha256: string }>, buildContext: string): string {
  const lines = canonicalFiles(files).map(file => `file ${file.key}\0${file.sha256}\n`)
  const context = `context ${Buffer.byteLength(buildContext)}\n${buildContext}\n`
  return sha256Hex(`${MODULE_FORMAT}\n${context}${lines.join('')}`)
}

/** One key for a set of module fingerprints, whatever their order (the cache key of a whole build). */
export function combinedFingerprint(fingerprints: string[]): string {
  for (const fp of fingerprints) checkSha256(fp, 'fingerprint')
  const sorted = [...fingerprints].sort()
  return sha256Hex(`${COMBINED_FORMAT}\n${sorted.join('\n')}\n`)
}

/**
 * A build context string with a stable field order, so `{b, a}` and `{a, b}` give the same fingerprint. Arrays
 * keep their order (argument order matters to a compiler).
 */
export function composeBuildContext(fields: Record<string, string | string[]>): string {
  const sorted = Object.keys(fields)
    .sort()
    .map(name => [name, fields[name]])
  return JSON.stringify(Object.fromEntries(sorted))
}

/**
 * `composeBuildContext` for many modules that share most fields: `compose(own)` returns exactly
 * `composeBuildContext({ ...shared, ...own })`. The shared fields are serialized once, and the field order once
 * per set of own field names (modules all have the same ones).
 */
export function buildContextComposer(shared: Record<string, string | string[]>): (own: Record<string, string | string[]>) => string {
  const layouts = new Map<string, ContextLayout | undefined>()
  return own => {
    const names = Object.keys(own)
    const signature = names.join('\0')
    if (!layouts.has(signature)) layouts.set(signature, contextLayout(shared, names))
    const layout = layouts.get(signature)
    if (!layout) return composeBuildContext({ ...shared, ...own })
    const parts = [...layout.parts]
    names.forEach((name, i) => (parts[layout.ownAt[i]] = serializedField(name, own[name])))
    return `{${parts.join(',')}}`
  }
}

interface ContextLayout {
  /** Every field serialized in output order; an own field's slot is filled per call. */
  parts: string[]
  /** Where each own field (in `Object.keys` order) goes in `parts`. */
  ownAt: number[]
}

function contextLayout(shared: Record<string, string | string[]>, ownNames: string[]): ContextLayout | undefined {
  const own = new Set(ownNames)
  const names = [...new Set([...Object.keys(shared), ...ownNames])].sort()
  // JSON.stringify puts integer-like keys first: such (never used) names take the plain path.
  if (names.some(name => /^(0|[1-9]\d*)$/.test(name))) return undefined
  const parts = names.map(name => (own.has(name) ? '' : serializedField(name, shared[name])))
  return { parts, ownAt: ownNames.map(name => names.indexOf(name)) }
}

function serializedField(name: string, value: string | string[]): string {
  return `${JSON.stringify(name)}:${JSON.stringify(value)}`
}

/** sha256 hex of bytes (or of a string's UTF-8). One-shot `crypto.hash` where Node has it (20.12+): much cheaper per call. */
export function sha256Hex(data: Buffer | string): string {
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex')
}

function canonicalFiles(files: Array<{ key: string; sha256: string }>): Array<{ key: string; sha256: string }> {
  const byKey = new Map<string, string>()
  for (const { key, sha256 } of files) {
    checkKey(key)
    checkSha256(sha256, `sha256 of ${key}`)
    const earlier = byKey.get(key)
    if (earlier !== undefined && earlier !== sha256)
      throw new Error(`Invalid fingerprint input: ${key} is listed twice with different content hashes`)
    byKey.set(key, sha256)
  }
  return [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(key => ({ key, sha256: byKey.get(key) as string }))
}

function checkKey(key: string): void {
  if (key === '' || /[\0\n]/.test(key) || /^([/\\]|[A-Za-z]:[/\\])/.test(key)) {
    throw new Error(`Invalid fingerprint input: file key ${JSON.stringify(key)}; expected a relative path with / or <include:N>/path`)
  }
}

function checkSha256(value: string, what: string): void {
  if (!SHA256_HEX.test(value)) throw new Error(`Invalid ${what}: ${JSON.stringify(value)}; expected 64 lowercase hex digits (sha256)`)
}
