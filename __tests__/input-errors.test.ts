import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { parseCliArgs, UsageError } from '../src/cli/cli-args.js'
import { exitCodeOf } from '../src/cli/run-cli.js'
import { errorText } from '../src/errors/error-text.js'
import { InputError } from '../src/errors/input-error.js'
import { readHostFactsFile } from '../src/host/detect-facts.js'
import { findSources } from '../src/plan/find-sources.js'
import { parseSettings } from '../src/settings/settings.js'

const defaults = { baseDirectory: '/ws', cacheDir: '/tmp/cache', pruneUnusedCacheEntries: true }

/** The error a call throws (sync or async), or a failure when it throws nothing. */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call()
  } catch (err) {
    return err
  }
  throw new Error('expected an error, got none')
}

describe('input errors: one type, exit 2', () => {
  it.each([
    ['jobs', { jobs: 'many' }],
    ['memory-per-job', { 'memory-per-job': 'lots' }],
    ['cython-args', { 'cython-args': '"open' }],
    ['define', { define: '1BAD' }],
    ['timeout-per-file', { 'timeout-per-file': 'soon' }],
    ['if-no-files-found', { 'if-no-files-found': 'shrug' }],
    ['fail-fast', { 'fail-fast': 'maybe' }],
    ['cache-key-prefix', { 'cache-key-prefix': 'a,b' }],
  ])('a bad %s is an InputError naming the input', async (name, raw) => {
    const err = await thrown(() => parseSettings(raw, defaults))
    expect(err).toBeInstanceOf(InputError)
    expect(errorText(err)).toMatch(new RegExp(`^Invalid ${name}\\b`))
    expect(exitCodeOf(err)).toBe(2)
  })

  it('a --host-facts file that is missing, not JSON or wrong is an InputError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-input-errors-'))
    fs.writeFileSync(path.join(dir, 'not-json'), '{')
    fs.writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify({ platform: 'windows' }))
    for (const file of ['missing.json', 'not-json', 'wrong.json']) {
      const err = await thrown(() => readHostFactsFile(path.join(dir, file)))
      expect(err).toBeInstanceOf(InputError)
      expect(errorText(err)).toContain(file)
    }
  })

  it('a source outside the working directory is an InputError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-input-errors-'))
    const err = await thrown(() => findSources(['../**/*.pyx'], dir))
    expect(err).toBeInstanceOf(InputError)
    expect(exitCodeOf(err)).toBe(2)
  })

  it('a bad command line is a UsageError, which is an input error', async () => {
    const err = await thrown(() => parseCliArgs(['--no-such-option']))
    expect(err).toBeInstanceOf(UsageError)
    expect(exitCodeOf(err)).toBe(2)
  })

  it('anything else exits 1', () => {
    expect(exitCodeOf(new Error('Python python9 not found'))).toBe(1)
    expect(exitCodeOf('a string')).toBe(1)
  })
})

describe('errorText', () => {
  it('is the message of an error, from any realm, and the string of anything else', () => {
    expect(errorText(new TypeError('bad'))).toBe('bad')
    expect(errorText({ name: 'Error', message: 'from another realm' })).toBe('from another realm')
    expect(errorText('plain')).toBe('plain')
    expect(errorText(undefined)).toBe('undefined')
    expect(errorText(null)).toBe('null')
  })
})
