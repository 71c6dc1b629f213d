import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { type CacheServer, startCacheServer } from './support/cache-server.js'
import { writeFixtureTree } from './support/fixture-tree.js'
import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'

interface ReportShard {
  index: number
  count: number
  shards: Array<{ index: number; modules: string[]; predicted: number }>
}
interface Report {
  shard: ReportShard | null
  modules: Array<{ module: string; status: string }>
}

/**
 * Shards across matrix jobs, as the runner runs them: dist/main.js then dist/post.js per job, each job on a fresh
 * runner whose only link to the others is GitHub's cache (the local service, with the real @actions/cache client).
 */
describe('a build sharded over matrix jobs, then gathered', () => {
  let server: CacheServer
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-shard-'))
  const MODULES = 7
  const serviceEnv = (): NodeJS.ProcessEnv => ({
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${server.url}/`,
    ACTIONS_RUNTIME_TOKEN: 'test-token',
    ImageOS: 'ubuntu24',
  })

  /** One job: a fresh workspace with the same generated tree, main, then post with main's state. */
  async function job(prefix: string, shard: string) {
    const workspace = path.join(root, 'work', 'repo', 'repo')
    const runnerTemp = path.join(root, 'work', '_temp')
    for (const dir of [workspace, runnerTemp]) {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
    }
    const specs = writeFixtureTree(workspace, MODULES)
    const inputs = { sources: '**/*.pyx\nfx/native.c', python: testPython(), 'cache-key-prefix': prefix, shard }
    const main = await runAction(workspace, inputs, { env: serviceEnv(), runnerTemp })
    const post = await runAction(workspace, {}, { entry: 'dist/post.js', env: serviceEnv(), runnerTemp, state: main.state })
    const report = JSON.parse(fs.readFileSync(main.outputs.report, 'utf8')) as Report
    return { workspace, specs, main, post, report }
  }

  const names = (report: Report, status: string): string[] =>
    report.modules
      .filter(m => m.status === status)
      .map(m => m.module)
      .sort()

  beforeAll(async () => {
    server = await startCacheServer()
  })
  afterAll(async () => {
    await server.close()
  })

  let firstSplit: ReportShard['shards'] | undefined

  it('3 shards build disjoint parts that cover every module, each saved under its own key; the gather builds nothing and every module imports', async () => {
    const shards = []
    for (const index of [1, 2, 3]) shards.push(await job('sharded', `${index}/3`))
    for (const [i, s] of shards.entries()) {
      expect({ shard: i + 1, code: s.main.code, stderr: s.main.stderr }).toEqual({ shard: i + 1, code: 0, stderr: '' })
      expect(s.report.shard).toMatchObject({ index: i + 1, count: 3 })
      // Each shard built exactly its own part, and said so in the log.
      expect(names(s.report, 'built')).toEqual([...(s.report.shard as ReportShard).shards[i].modules].sort())
      expect(s.main.stdout).toContain(`Shard ${i + 1}/3: ${s.report.modules.length} of ${MODULES} modules`)
      expect(s.post.stdout).toContain(`Compile cache: saved as sharded.shard${i + 1}of3-linux-`)
    }
    // Three processes, one split.
    const splits = shards.map(s => (s.report.shard as ReportShard).shards)
    expect(splits[1]).toEqual(splits[0])
    expect(splits[2]).toEqual(splits[0])
    const all = splits[0].flatMap(s => s.modules)
    expect([...all].sort()).toEqual(shards[0].specs.map(s => s.name).sort())
    expect(new Set(all).size).toBe(MODULES)
    expect(splits[0].every(s => s.modules.length >= 2)).toBe(true)
    firstSplit = splits[0]

    const gather = await job('sharded', 'gather/3')
    expect(gather.main.code).toBe(0)
    expect(gather.main.outputs).toMatchObject({ built: '0', cached: String(MODULES), failed: '0' })
    expect(gather.main.stdout).toContain('Compile cache: merged 3 of 3 shard stores')
    expect(names(gather.report, 'cached')).toHaveLength(MODULES)
    const results = importAndCall(
      gather.workspace,
      gather.specs.map(s => s.name),
    )
    expect(gather.specs.filter(s => results[s.name] !== s.expected)).toEqual([])
    // The merged store goes under the normal key, although the gather compiled nothing itself ...
    expect(gather.post.stdout).toMatch(/Compile cache: saved as sharded-linux-ubuntu24-/)
    // ... so the next unsharded run gets an exact hit.
    const next = await job('sharded', '')
    expect(next.main.outputs).toMatchObject({ 'cache-hit': 'exact', built: '0', cached: String(MODULES) })
  }, 600_000)

  it("with one shard's job skipped, the gather builds exactly that shard's modules, and the split is the same as in the first run", async () => {
    const one = await job('skipped', '1/3')
    const three = await job('skipped', '3/3')
    const split = (one.report.shard as ReportShard).shards
    expect(split).toEqual(firstSplit)
    expect((three.report.shard as ReportShard).shards).toEqual(split)
    const gather = await job('skipped', 'gather/3')
    expect(gather.main.code).toBe(0)
    expect(gather.main.stdout).toContain('Compile cache: merged 2 of 3 shard stores')
    expect(gather.main.stdout).toMatch(/no store from shard 2\/3/)
    expect(names(gather.report, 'built')).toEqual([...split[1].modules].sort())
    expect(names(gather.report, 'cached')).toEqual([...split[0].modules, ...split[2].modules].sort())
    const results = importAndCall(
      gather.workspace,
      gather.specs.map(s => s.name),
    )
    expect(gather.specs.filter(s => results[s.name] !== s.expected)).toEqual([])
  }, 600_000)

  it('refuses a bad shard input with one line naming the input and the accepted forms', async () => {
    const workspace = path.join(root, 'bad')
    fs.mkdirSync(workspace)
    writeFixtureTree(workspace, 3)
    const main = await runAction(workspace, { python: testPython(), shard: '4/3' })
    expect(main.code).toBe(1)
    expect(main.stdout).toMatch(/::error::Invalid shard "4\/3": expected I\/N .* or gather\/N .*$/m)
  }, 120_000)
})
