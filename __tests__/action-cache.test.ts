import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { type CacheServer, startCacheServer } from './support/cache-server.js'
import { writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

/**
 * main restores the store from GitHub's cache, post saves it: the real @actions/cache client, run by dist/ as the
 * runner runs it, against a local server speaking the cache service's v2 protocol.
 */
describe("the compile cache through GitHub's cache service", () => {
  let server: CacheServer
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-gh-cache-'))
  const serviceEnv = (): NodeJS.ProcessEnv => ({
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${server.url}/`,
    ACTIONS_RUNTIME_TOKEN: 'test-token',
    ImageOS: 'ubuntu24',
  })
  const inputs = { sources: '**/*.pyx\nfx/native.c', python: testPython() }

  /**
   * A job on a fresh runner: the runner's layout (work/repo/repo, work/_temp) with nothing left from the last job,
   * so the local store starts empty and only GitHub's cache can fill it. Then main, then post.
   */
  async function job(prepare?: (dir: string) => void) {
    const workspace = path.join(root, 'work', 'repo', 'repo')
    const runnerTemp = path.join(root, 'work', '_temp')
    for (const dir of [workspace, runnerTemp]) {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
    }
    const specs = writeFixtureTree(workspace, 8)
    prepare?.(workspace)
    const main = await runAction(workspace, inputs, { env: serviceEnv(), runnerTemp })
    const post = await runAction(
      workspace,
      {},
      { entry: 'dist/post.js', env: serviceEnv(), runnerTemp: main.runnerTemp, state: main.state },
    )
    return { workspace, specs, main, post }
  }

  beforeAll(async () => {
    server = await startCacheServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('a first job builds everything, and post saves the store', async () => {
    const first = await job()
    expect(first.main.code).toBe(0)
    expect(first.main.outputs).toMatchObject({ 'cache-hit': 'none', built: '8', cached: '0' })
    expect(first.post.code).toBe(0)
    expect(first.post.stdout).toMatch(/Compile cache: saved as cython-fanout-linux-ubuntu24-x86_64-cpython-\d+-\S+-cython[\d.]+-[0-9a-f]+/)
    expect(server.entries()).toHaveLength(1)
  }, 300_000)

  it('a second job on a fresh runner restores it exactly and compiles nothing', async () => {
    const second = await job()
    expect(second.main.outputs).toMatchObject({ 'cache-hit': 'exact', built: '0', cached: '8' })
    const results = importAndCall(
      second.workspace,
      second.specs.map(s => s.name),
    )
    expect(second.specs.filter(s => results[s.name] !== s.expected)).toEqual([])
    expect(second.post.stdout).toContain('Compile cache: nothing was compiled, nothing to save')
    expect(server.entries()).toHaveLength(1)
  }, 300_000)

  it('a job with one edited module restores the rest through the restore key and saves a new entry', async () => {
    const third = await job(dir => fs.appendFileSync(path.join(dir, 'fx/m4.pyx'), '\n# edited\n'))
    expect(third.main.outputs).toMatchObject({ 'cache-hit': 'partial', built: '1', cached: '7' })
    expect(third.post.stdout).toMatch(/Compile cache: saved as /)
    expect(server.entries()).toHaveLength(2)
  }, 300_000)

  it('with no cache service answering, the build passes with a warning', async () => {
    const workspace = path.join(root, 'no-service')
    fs.mkdirSync(workspace)
    writeFixtureTree(workspace, 4)
    // A port nothing listens on: connections are refused at once.
    const dead = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/', ACTIONS_RUNTIME_TOKEN: 'test-token' }
    const main = await runAction(workspace, inputs, { env: dead })
    expect(main.code).toBe(0)
    expect(main.outputs).toMatchObject({ 'cache-hit': 'none', built: '4', failed: '0' })
    expect(main.stdout).toMatch(/::warning::.*cache/i)
  }, 300_000)
})
