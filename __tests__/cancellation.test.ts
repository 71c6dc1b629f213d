import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { writeFixtureTree } from './support/fixture-tree.js'
import { processesIn } from './support/process-table.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv } from './support/run-node.js'
import { waitForFile, waitUntil } from './support/wait-for.js'

/**
 * Starts a build of `modules` modules whose compile of `fx/m4.c` blocks (a CC wrapper that announces itself with a
 * marker file, then sleeps), sends `signal` once that compile is running, and waits for the build to exit.
 */
async function cancelBuild(signal: NodeJS.Signals, entry: 'cli' | 'action', modules: number) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cancel-')))
  const specs = writeFixtureTree(dir, modules)
  const report = path.join(dir, 'report.json')
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-runner-'))
  const started = path.join(runnerTemp, 'blocked-compile-started')
  const cc = path.join(runnerTemp, 'blocking-cc')
  fs.writeFileSync(
    cc,
    `#!/bin/sh\nfor a in "$@"; do case "$a" in *fx/m4.c) touch '${started}'; exec sleep 300 ;; esac; done\nexec gcc "$@"\n`,
    { mode: 0o755 },
  )
  const args = entry === 'cli' ? ['-C', dir, '--python', testPython(), '--no-cache', '--report', report, '**/*.pyx', 'fx/native.c'] : []
  const env =
    entry === 'cli'
      ? cleanEnv({ CC: cc })
      : cleanEnv({
          CC: cc,
          GITHUB_WORKSPACE: dir,
          RUNNER_TEMP: runnerTemp,
          INPUT_PYTHON: testPython(),
          INPUT_SOURCES: '**/*.pyx\nfx/native.c',
          INPUT_CACHE: 'false',
          INPUT_REPORT: report,
          GITHUB_OUTPUT: path.join(runnerTemp, 'out'),
          GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary'),
        })
  if (entry === 'action') {
    fs.writeFileSync(path.join(runnerTemp, 'out'), '')
    fs.writeFileSync(path.join(runnerTemp, 'summary'), '')
  }
  const child = spawn(process.execPath, [path.resolve(`dist/${entry === 'cli' ? 'cli' : 'main'}.js`), ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', d => (output += d))
  child.stderr.on('data', d => (output += d))
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  await waitForFile(started)
  const runningBefore = processesIn(dir).length
  child.kill(signal)
  const code = await exited
  // The build is gone; every process it started must go too (a killed process is reaped at once, not in seconds).
  await waitUntil(() => processesIn(dir).length === 0)
  return {
    dir,
    specs,
    report,
    code,
    output,
    runningBefore,
    summary: entry === 'action' ? fs.readFileSync(path.join(runnerTemp, 'summary'), 'utf8') : '',
  }
}

/** Every extension on disk either imports and works, or is absent: never a truncated file. */
function checkOutputsWholeOrAbsent(dir: string, specs: Array<{ name: string; expected: unknown }>) {
  const built = specs.filter(
    s =>
      fs.existsSync(path.join(dir, ...s.name.split('.').slice(0, -1))) &&
      fs
        .readdirSync(path.join(dir, ...s.name.split('.').slice(0, -1)))
        .some(f => f.startsWith(s.name.split('.').pop() + '.cpython') || f.startsWith(s.name.split('.').pop() + '.so')),
  )
  const results = importAndCall(
    dir,
    built.map(s => s.name),
  )
  for (const s of built) expect([s.name, results[s.name]]).toEqual([s.name, s.expected])
  return built.length
}

describe('cancellation', () => {
  it('SIGINT to the local command: children gone when it exits, non-zero exit, outputs whole or absent', async () => {
    const r = await cancelBuild('SIGINT', 'cli', 40)
    expect(r.runningBefore).toBeGreaterThan(0) // the build was really under way
    expect(r.code).toBe(1)
    expect(r.output).toContain('Cancelling: stopping every compiler and Cython process of this build')
    const report = JSON.parse(fs.readFileSync(r.report, 'utf8'))
    expect(report.cancelled).toBe(true)
    expect(report.counts.cancelled).toBeGreaterThan(0)
    expect(report.counts.built + report.counts.cancelled).toBe(40)
    const whole = checkOutputsWholeOrAbsent(r.dir, r.specs)
    expect(whole).toBe(report.counts.built)
    expect(fs.readdirSync(r.dir).filter(f => f.startsWith('.cython-fanout-tmp'))).toEqual([])
  }, 120_000)

  it('SIGTERM to the action: the summary and report say cancelled, and the step fails', async () => {
    const r = await cancelBuild('SIGTERM', 'action', 12)
    expect(r.runningBefore).toBeGreaterThan(0)
    expect(r.code).toBe(1)
    expect(r.output).toMatch(/::error::Build cancelled: \d+ of 12 modules were done/)
    expect(r.summary).toContain('## cython-fanout: cancelled')
    expect(JSON.parse(fs.readFileSync(r.report, 'utf8')).cancelled).toBe(true)
    checkOutputsWholeOrAbsent(r.dir, r.specs)
  }, 120_000)
})
