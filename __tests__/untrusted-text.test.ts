import { describe, expect, it } from '@jest/globals'

import { bracketUntrusted, freshToken, mayHoldCommands, runnerSafe, runnerSafeJson } from '../src/report/untrusted-text.js'
import { readAsRunner } from './support/runner-commands.js'

describe('runnerSafe', () => {
  it('leaves text that cannot hold a command as it is', () => {
    expect(runnerSafe('[3/10] pkg.mod  built in 1.2 s\n')).toBe('[3/10] pkg.mod  built in 1.2 s\n')
    expect(mayHoldCommands('a: b, c:d')).toBe(false)
  })

  it.each([
    '::add-mask::secret',
    '  ::error file=x::forged',
    'x\r::set-output name=a::b',
    'gcc says ##[set-output name=a;]b',
    'std::vector<int> v;',
    'nl\n\u0085::warning::odd whitespace',
  ])('brackets %j so the runner obeys nothing inside', text => {
    const safe = runnerSafe(text)
    expect(safe).toContain(text)
    const { commands, stoppedAtEnd } = readAsRunner(safe)
    expect(stoppedAtEnd).toBe(false)
    expect(commands.map(c => c.name)).toEqual(['stop-commands'])
  })

  it('keeps a final newline final', () => {
    expect(runnerSafe('::x::y\n')).toMatch(/^::stop-commands::(cf-[0-9a-f]{32})\n::x::y\n::\1::\n$/)
  })

  it('brackets with a fresh token each time', () => {
    const token = freshToken('')
    expect(token).toMatch(/^cf-[0-9a-f]{32}$/)
    expect(freshToken('')).not.toBe(token)
    expect(bracketUntrusted(`::${token}::`, 'other')).toBe(`::stop-commands::other\n::${token}::\n::other::`)
  })
})

describe('runnerSafeJson', () => {
  it('keeps a plan with hostile names parseable and equal, with nothing the runner would obey', () => {
    const plan = { modules: [{ name: '::add-mask::x', source: '##[add-mask]y.pyx' }, '::stop-commands::z', 'a\\##[b', 'nl\n::warning::w'] }
    const text = runnerSafeJson(JSON.stringify(plan, null, 2))
    expect(JSON.parse(text)).toEqual(plan)
    expect(readAsRunner(text).commands).toEqual([])
  })
})
