import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { importAndCall, testPython } from './support/python.js'
import { runAction } from './support/run-action.js'
import { cleanEnv, runNode } from './support/run-node.js'
import { readAsRunner, type RunnerReading } from './support/runner-commands.js'

/**
 * Hostile text reaches the log from every side: a .pyx line Cython echoes in its error context, file and directory
 * names (with `::` and a newline), and a compiler wrapper that prints commands on --version and on every compile.
 * The runner must obey none of it, and our own annotations and final error must still come through.
 */
const OURS = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug', 'stop-commands'])

function writeTree(dir: string): string {
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  write('good.pyx', 'def check():\n    return 5\n')
  write('evil_stop.pyx', 'x = 1\n::stop-commands::x\n')
  write('evil_mask.pyx', 'y = 2\n::add-mask::secret\n')
  write('evil_error.pyx', 'z = 3\n::error file=x::forged\n')
  write('sub::warning::dir/evil_dir.pyx', 'def f(:\n    pass\n')
  write('::warning::named.pyx', 'def check():\n    return 1\n')
  write('nl\n::warning::nldir/evil_nl.pyx', 'def g(:\n    pass\n')
  const wrapper = path.join(dir, '..', 'cc-wrapper.sh')
  fs.writeFileSync(
    wrapper,
    "#!/bin/sh\necho '::set-output name=x::y'\necho '::add-mask::ccsecret'\necho '##[set-output name=v1;]old'\nexec gcc \"$@\"\n",
    { mode: 0o755 },
  )
  return wrapper
}

function expectNoForeignCommands(reading: RunnerReading): void {
  expect(reading.stoppedAtEnd).toBe(false)
  expect(reading.commands.filter(c => !OURS.has(c.name))).toEqual([])
  // Every bracket is ours: a fresh random token, never the `x` a source asked for.
  for (const c of reading.commands.filter(c => c.name === 'stop-commands')) expect(c.data).toMatch(/^cf-[0-9a-f]{32}$/)
  expect(reading.commands.filter(c => c.properties.includes('file=x') || c.data.startsWith('forged'))).toEqual([])
}

describe('untrusted text in the action log', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-inject-'))
  const dir = path.join(root, 'ws')
  let wrapper: string
  let run: Awaited<ReturnType<typeof runAction>>
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  beforeAll(async () => {
    fs.mkdirSync(dir)
    wrapper = writeTree(dir)
    run = await runAction(dir, { python: testPython(), cache: 'false', jobs: '2' }, { env: { CC: wrapper } })
  }, 300_000)

  it('builds the good module and fails the hostile ones', () => {
    expect(run.code).toBe(1)
    expect(run.outputs.built).toBe('1')
    expect(run.outputs.failed).toBe('6')
    expect(importAndCall(dir, ['good'])).toEqual({ good: 5 })
  })

  it('prints the hostile text, but never where the runner would obey it', () => {
    for (const text of [
      '::stop-commands::x',
      '::add-mask::secret',
      '::error file=x::forged',
      '::set-output name=x::y',
      '::add-mask::ccsecret',
      '##[set-output',
    ]) {
      expect(run.stdout).toContain(text)
    }
    expectNoForeignCommands(readAsRunner(run.stdout))
    expect(run.outputs).not.toHaveProperty('x')
  })

  it('still gives the annotations and the final error, after every bracket is closed', () => {
    const { commands } = readAsRunner(run.stdout)
    const lastBracket = Math.max(...commands.filter(c => c.name === 'stop-commands').map(c => c.line))
    const errors = commands.filter(c => c.name === 'error')
    expect(errors.some(c => c.properties.includes('file=evil_stop.pyx'))).toBe(true)
    expect(errors.some(c => c.properties.includes('file=evil_error.pyx'))).toBe(true)
    const final = errors[errors.length - 1]
    expect(final.data).toMatch(/^6 of 7 modules failed/)
    expect(final.line).toBeGreaterThan(lastBracket)
  })
})

describe('untrusted text from the local command inside a workflow (GITHUB_ACTIONS=true)', () => {
  it('brackets it on stdout and stderr alike, both of which the runner reads', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-inject-cli-'))
    const dir = path.join(root, 'ws')
    fs.mkdirSync(dir)
    const wrapper = writeTree(dir)
    const r = await runNode(path.resolve('dist/cli.js'), ['--python', testPython(), '--no-cache', '-j', '2', '-v', '-C', dir], {
      env: cleanEnv({ CC: wrapper, GITHUB_ACTIONS: 'true' }),
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('::stop-commands::x')
    expect(r.stderr).toContain('::set-output name=x::y')
    expectNoForeignCommands(readAsRunner(r.stdout))
    expectNoForeignCommands(readAsRunner(r.stderr))
    fs.rmSync(root, { recursive: true, force: true })
  }, 300_000)
})
