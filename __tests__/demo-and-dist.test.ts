import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { INPUT_DEFAULTS } from '../src/settings/defaults.js'
import { INPUT_NAMES } from '../src/settings/settings.js'
import { VERSION } from '../src/version.js'
import { importAndCall, testPython } from './support/python.js'
import { cleanEnv, runNode } from './support/run-node.js'

describe('the embedded demo', () => {
  it('builds all 10 modules, and each imports and returns its value', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-demo-'))
    fs.cpSync('examples/demo', dir, { recursive: true })
    const run = await runNode(
      path.resolve('dist/cli.js'),
      ['-C', dir, '--python', testPython(), '--no-cache', '**/*.pyx', 'fanout_demo/cmod.c'],
      { env: cleanEnv() },
    )
    expect(run.stderr).toContain('10 built, 0 from cache, 0 failed of 10 modules')
    const names = ['cmod', 'fib', 'geometry', 'mathlib', 'primes', 'shapes', 'stats', 'sub.nested', 'text', 'vectors'].map(
      n => `fanout_demo.${n}`,
    )
    expect(importAndCall(dir, names, 'm.demo()')).toEqual({
      'fanout_demo.cmod': 'plain C module says hello',
      'fanout_demo.fib': 12586269025,
      'fanout_demo.geometry': 5,
      'fanout_demo.mathlib': 15,
      'fanout_demo.primes': [2, 3, 5, 7, 11, 13, 17, 19, 23, 29],
      'fanout_demo.shapes': 12,
      'fanout_demo.stats': 2.5,
      'fanout_demo.sub.nested': 'sub.nested: 10.0',
      'fanout_demo.text': 'FAN OUT!',
      'fanout_demo.vectors': [[0, 1, 4, 9, 16], 'c++ says hi'],
    })
  }, 300_000)
})

describe('the repository', () => {
  it('has a dist/ that matches src/ (rebuild with npm run build)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build.mjs', '--check'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow()
  }, 60_000)

  it('keeps src/version.ts in step with package.json', () => {
    expect(VERSION).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version)
  })

  it('declares every input the settings read in action.yml, and nothing else, each with the default of settings/defaults.ts', () => {
    const inputs = (parse(fs.readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: unknown }> }).inputs
    const declared = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, String(input.default ?? '')]))
    expect(Object.keys(declared).sort()).toEqual([...INPUT_NAMES].sort())
    expect(declared).toEqual(INPUT_DEFAULTS)
  })
})
