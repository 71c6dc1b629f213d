import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { type CacheServer, startCacheServer } from './support/cache-server.js'
import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

let server: CacheServer | undefined
afterAll(async () => server?.close())

describe('main with a cache service that accepts and never answers', () => {
  it('builds, writes its outputs, then ends by itself whatever the network does', async () => {
    server = await startCacheServer({ neverAnswer: true })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-stall-'))
    fs.writeFileSync(path.join(dir, 'm.pyx'), 'def check():\n    return 4\n')
    const env = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: server.url, ACTIONS_RUNTIME_TOKEN: 'test-token' }
    // The bound is this test's timeout: the wait is for the process's own exit, which used to never come.
    const run = await runAction(dir, { python: testPython(), cache: 'true' }, { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^::warning::Compile cache: restore gave no answer within \d+ ms, building without it/m)
    expect(run.outputs.built).toBe('1')
    expect(run.outputs.report).toBeTruthy()
    expect(server.requests().some(r => r.includes('never answered'))).toBe(true)
    expect(importAndCall(dir, ['m'])).toEqual({ m: 4 })
    fs.rmSync(dir, { recursive: true, force: true })
  }, 240_000)
})
