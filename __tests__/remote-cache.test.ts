/**
 * The real @actions/cache client (tar, zstd, twirp, Azure blob SDK) against a local cache service: only the server
 * is a stand-in. @actions/core's workflow commands go to stdout; they are captured to keep the output quiet and to
 * see the client's own warnings.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setTimeout as realSleep } from 'node:timers/promises'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'

import { type CacheLog, createRemoteCache } from '../src/cache/remote-cache.js'
import { type CacheServer, startCacheServer } from './support/cache-server.js'

const TOOLCHAIN = 'cython-fanout-linux-x64-cpython-311-x86_64-linux-gnu-cython3.1.2-'
const KEY_A = `${TOOLCHAIN}${'a'.repeat(64)}`
const KEY_B = `${TOOLCHAIN}${'b'.repeat(64)}`

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_MODE',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  'GITHUB_SERVER_URL',
]
const savedEnv = Object.fromEntries(ENV_NAMES.map(name => [name, process.env[name]]))

let root: string
let store: string
let server: CacheServer | undefined
let stdout: string[]

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-cache-'))
  fs.mkdirSync(path.join(root, 'runner-temp'))
  fs.mkdirSync(path.join(root, 'workspace'))
  store = path.join(root, 'workspace', '.cython-fanout', 'store')
})

afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) setEnv(name, value)
  fs.rmSync(root, { recursive: true, force: true })
})

beforeEach(() => {
  setEnv('ACTIONS_CACHE_SERVICE_V2', 'true')
  setEnv('ACTIONS_RUNTIME_TOKEN', 'test-runtime-token')
  setEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
  setEnv('GITHUB_WORKSPACE', path.join(root, 'workspace'))
  // A localhost GITHUB_SERVER_URL would count as GHES and force the v1 protocol.
  for (const name of ['GITHUB_SERVER_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_CACHE_MODE', 'ACTIONS_RESULTS_URL']) setEnv(name, undefined)
  fs.rmSync(store, { recursive: true, force: true })
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  jest.restoreAllMocks()
  jest.useRealTimers()
  await server?.close()
  server = undefined
})

async function serve(options: Parameters<typeof startCacheServer>[0] = {}): Promise<CacheServer> {
  server = await startCacheServer(options)
  setEnv('ACTIONS_RESULTS_URL', server.url)
  return server
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

interface RecordedLog extends CacheLog {
  warnings: string[]
  infos: string[]
}

function recordingLog(): RecordedLog {
  const warnings: string[] = []
  const infos: string[] = []
  return { warnings, infos, warning: m => warnings.push(m), info: m => infos.push(m) }
}

/** A store like the engine's: nested entries, binary content, an empty file. */
function writeStore(seed: string): void {
  fs.mkdirSync(path.join(store, 'ab', 'cdef'), { recursive: true })
  fs.writeFileSync(
    path.join(store, 'ab', 'cdef', 'mod.cpython-311-x86_64-linux-gnu.so'),
    Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31 + seed.length) % 256)),
  )
  fs.writeFileSync(path.join(store, 'ab', 'cdef', 'meta.json'), JSON.stringify({ seed }))
  fs.writeFileSync(path.join(store, 'empty'), '')
}

/** Every file under the store with its bytes, to compare a restore with what was saved. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name)))
  }
  return files
}

/**
 * The twirp client retries a 5xx 5 times, sleeping 24-35 s in all (not configurable through the public API): run
 * the fake clock about 100 times faster than real time until `work` settles, yielding real time for I/O.
 */
async function fastClock<T>(work: Promise<T>): Promise<T> {
  let settled = false
  void work.then(
    () => (settled = true),
    () => (settled = true),
  )
  while (!settled) {
    await jest.advanceTimersByTimeAsync(200)
    await realSleep(2)
  }
  return work
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await realSleep(20)
  }
}

function clientWarnings(): string[] {
  return stdout
    .join('')
    .split('\n')
    .filter(line => /^::(warning|error)/.test(line))
}

describe('remote cache against a cache service v2', () => {
  it('misses on an empty cache without warnings', async () => {
    const srv = await serve()
    const log = recordingLog()
    await expect(createRemoteCache(log).restore(store, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'none' })
    expect(log.warnings).toEqual([])
    expect(clientWarnings()).toEqual([])
    expect(srv.requests()).toEqual(['POST GetCacheEntryDownloadURL'])
  })

  it('saves a store and restores it byte for byte on an exact hit', async () => {
    const srv = await serve()
    const log = recordingLog()
    const remote = createRemoteCache(log)
    writeStore('one')
    const saved = snapshot(store)

    await expect(remote.save(store, KEY_A)).resolves.toBe('saved')
    expect(srv.entries()).toEqual([expect.objectContaining({ key: KEY_A, finalized: true })])
    fs.rmSync(store, { recursive: true })

    await expect(remote.restore(store, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'exact', matchedKey: KEY_A })
    expect(snapshot(store)).toEqual(saved)
    expect(log.warnings).toEqual([])
    expect(clientWarnings()).toEqual([])
  })

  it('restores the newest store of the same toolchain as a partial hit', async () => {
    const srv = await serve()
    const remote = createRemoteCache(recordingLog())
    writeStore('older')
    await remote.save(store, `${TOOLCHAIN}${'1'.repeat(64)}`)
    writeStore('newer')
    const newer = snapshot(store)
    await remote.save(store, `${TOOLCHAIN}${'2'.repeat(64)}`)
    fs.rmSync(store, { recursive: true })

    const result = await remote.restore(store, KEY_B, [TOOLCHAIN])
    expect(result).toEqual({ hit: 'partial', matchedKey: `${TOOLCHAIN}${'2'.repeat(64)}` })
    expect(snapshot(store)).toEqual(newer)
    expect(srv.entries()).toHaveLength(2)
  })

  it('misses when the directory is spelled differently, since the version hashes the path strings', async () => {
    const srv = await serve()
    const remote = createRemoteCache(recordingLog())
    writeStore('one')
    await expect(remote.save(store, KEY_A)).resolves.toBe('saved')

    await expect(remote.restore(`${store}/`, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'none' })
    const [entry] = srv.entries()
    expect(entry.key).toBe(KEY_A)
  })

  it('reports a second save of the same key as exists, logged as info', async () => {
    const srv = await serve()
    const log = recordingLog()
    const remote = createRemoteCache(log)
    writeStore('one')
    await expect(remote.save(store, KEY_A)).resolves.toBe('saved')
    await expect(remote.save(store, KEY_A)).resolves.toBe('exists')

    expect(log.warnings).toEqual([])
    expect(log.infos.join('\n')).toContain(`${KEY_A} already exists`)
    expect(srv.entries()).toHaveLength(1)
    expect(srv.requests().filter(r => r === 'POST CreateCacheEntry')).toHaveLength(2)
  })

  it('turns a failing service (HTTP 500) into a miss and a failed save, without throwing', async () => {
    const srv = await serve({ failWith500: true })
    const log = recordingLog()
    const remote = createRemoteCache(log, { timeoutMs: 3_600_000 })
    writeStore('one')
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })

    await expect(fastClock(remote.restore(store, KEY_A, [TOOLCHAIN]))).resolves.toEqual({ hit: 'none' })
    expect(clientWarnings().join('\n')).toMatch(/Failed to restore: .*\(500\)/)
    await expect(fastClock(remote.save(store, KEY_A))).resolves.toBe('failed')
    expect(log.warnings.join('\n')).toContain(`${KEY_A} was not saved`)
    expect(srv.requests().filter(r => r === 'POST GetCacheEntryDownloadURL').length).toBeGreaterThanOrEqual(5)
    expect(srv.entries()).toEqual([])
  })

  it('gives up on a restore that gets no answer within the timeout', async () => {
    // A service that never answers: the restore can only end through its own timeout, so no clock is asserted.
    await serve({ neverAnswer: true })
    const log = recordingLog()
    await expect(createRemoteCache(log, { timeoutMs: 150 }).restore(store, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'none' })
    expect(log.warnings.join('\n')).toContain('no answer within 150 ms')
  })

  it('says so when an abandoned restore lands late, since @actions/cache cannot be cancelled', async () => {
    const srv = await serve()
    const log = recordingLog()
    writeStore('one')
    await createRemoteCache(log).save(store, KEY_A)
    fs.rmSync(store, { recursive: true })
    srv.configure({ hangMs: 800 })

    await expect(createRemoteCache(log, { timeoutMs: 100 }).restore(store, KEY_A, [])).resolves.toEqual({ hit: 'none' })
    expect(fs.existsSync(store)).toBe(false)
    await waitFor(() => log.warnings.some(w => w.includes('completed late')))
    expect(fs.existsSync(path.join(store, 'empty'))).toBe(true)
  })

  it('has exactly one of two jobs saving the same key at once store it', async () => {
    const srv = await serve()
    writeStore('one')
    const logs = [recordingLog(), recordingLog()]
    const results = await Promise.all(logs.map(log => createRemoteCache(log).save(store, KEY_A)))

    expect(results.filter(r => r === 'saved')).toHaveLength(1)
    // The loser sees 'exists' if the winner finalized before its check, else 'failed' (still uploading).
    expect(['exists', 'failed']).toContain(results.find(r => r !== 'saved'))
    expect(srv.entries()).toEqual([expect.objectContaining({ key: KEY_A, finalized: true })])
  })

  it('turns a refused connection into a miss and a failed save', async () => {
    await serve()
    await server?.close()
    server = undefined
    const log = recordingLog()
    const remote = createRemoteCache(log)
    writeStore('one')
    await expect(remote.restore(store, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'none' })
    expect(clientWarnings().join('\n')).toContain('ECONNREFUSED')
    await expect(remote.save(store, KEY_A)).resolves.toBe('failed')
    expect(log.warnings).toHaveLength(1)
  })

  it('warns and skips when no cache service is configured', async () => {
    const log = recordingLog()
    const remote = createRemoteCache(log)
    writeStore('one')
    await expect(remote.restore(store, KEY_A, [TOOLCHAIN])).resolves.toEqual({ hit: 'none' })
    await expect(remote.save(store, KEY_A)).resolves.toBe('skipped')
    expect(log.warnings).toHaveLength(2)
    expect(log.warnings[0]).toContain('ACTIONS_RESULTS_URL')
  })

  it('warns instead of throwing when the client refuses a key', async () => {
    const srv = await serve()
    const log = recordingLog()
    const remote = createRemoteCache(log)
    writeStore('one')
    await expect(remote.restore(store, 'bad,key', [])).resolves.toEqual({ hit: 'none' })
    await expect(remote.save(store, 'bad,key')).resolves.toBe('failed')
    expect(log.warnings).toHaveLength(2)
    expect(log.warnings[0]).toContain('ValidationError')
    expect(srv.requests()).toEqual([])
  })

  it('warns instead of throwing when the runtime token is missing', async () => {
    await serve()
    setEnv('ACTIONS_RUNTIME_TOKEN', undefined)
    const log = recordingLog()
    writeStore('one')
    await expect(createRemoteCache(log).save(store, KEY_A)).resolves.toBe('failed')
    expect(log.warnings.join('\n')).toContain('ACTIONS_RUNTIME_TOKEN')
  })

  it('skips a save when there is nothing to save or writes are not allowed', async () => {
    const srv = await serve()
    const log = recordingLog()
    const remote = createRemoteCache(log)
    await expect(remote.save(store, KEY_A)).resolves.toBe('skipped')
    writeStore('one')
    setEnv('ACTIONS_CACHE_MODE', 'read')
    await expect(remote.save(store, KEY_A)).resolves.toBe('skipped')
    expect(log.warnings).toEqual([])
    expect(srv.requests()).toEqual([])
  })
})
