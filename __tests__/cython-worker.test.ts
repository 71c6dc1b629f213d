import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { CythonWorker } from '../src/pool/cython-worker.js'
import { ChildRegistry } from '../src/pool/process-tree.js'
import type { ProcessOutcome } from '../src/pool/run-process.js'
import { testPython } from './support/python.js'

/**
 * A stand-in for Python that speaks the worker protocol and misbehaves on request: the first argv word says how.
 * `ok` answers correctly (its output names its pid), `wrong-id` answers for another request, `twice` answers twice,
 * `die` exits without answering. On end of input it exits with code 3, as a dying worker would.
 */
const FAKE_WORKER = `
const rl = require('node:readline').createInterface({ input: process.stdin })
const say = m => process.stdout.write(JSON.stringify(m) + '\\n')
say({ ready: true })
rl.on('line', line => {
  const r = JSON.parse(line)
  const how = r.argv[0]
  if (how === 'die') { process.stderr.write('boom\\n'); process.exit(7) }
  if (how === 'wrong-id') return say({ id: r.id + 1, exit: 0, output: 'not yours\\n' })
  say({ id: r.id, exit: 0, output: 'pid ' + process.pid + '\\n' })
  if (how === 'twice') say({ id: r.id, exit: 0, output: 'again\\n' })
})
rl.on('close', () => process.exit(3))
`

function fakePython(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-fake-worker-'))
  const file = path.join(dir, 'python')
  fs.writeFileSync(path.join(dir, 'worker.cjs'), FAKE_WORKER)
  fs.writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${path.join(dir, 'worker.cjs')}"\n`, { mode: 0o755 })
  return file
}

const cwd = os.tmpdir()
const pidOf = (outcome: ProcessOutcome): string => /pid (\d+)/.exec(outcome.output)?.[1] ?? 'none'

describe('the Cython worker protocol', () => {
  it('a replaced worker never touches the next request: each answer reaches the request it belongs to', async () => {
    const worker = new CythonWorker(fakePython(), process.env, new ChildRegistry(), 2)
    const outcomes: ProcessOutcome[] = []
    for (let i = 0; i < 7; i++) outcomes.push(await worker.run(['ok'], { cwd }))
    worker.close()
    // The retired process exits with code 3 each time: none of that reaches a request.
    expect(outcomes.map(o => [o.exitCode, o.signal, o.internalError])).toEqual(outcomes.map(() => [0, null, undefined]))
    const pids = outcomes.map(pidOf)
    expect(new Set(pids).size).toBe(4)
    expect(pids[0]).toBe(pids[1])
    expect(pids[1]).not.toBe(pids[2])
    expect(pids[2]).toBe(pids[3])
  })

  it('an answer for another request is a loud internal error, never applied to the one in flight', async () => {
    const worker = new CythonWorker(fakePython(), process.env, new ChildRegistry())
    const wrong = await worker.run(['wrong-id'], { cwd })
    expect(wrong.exitCode).toBeNull()
    expect(wrong.internalError).toMatch(/^cython worker protocol error: answer for request 2 while request 1 was in flight$/)
    expect(wrong.output).not.toContain('not yours')
    const next = await worker.run(['ok'], { cwd })
    expect(next.exitCode).toBe(0)
    worker.close()
  })

  it('an extra answer is never taken for the next request; that process is ended', async () => {
    const worker = new CythonWorker(fakePython(), process.env, new ChildRegistry())
    const first = await worker.run(['twice'], { cwd })
    expect(first.exitCode).toBe(0)
    // The stray second answer arrives either before the next request (the process is ended, the request goes to a
    // new one) or while it is in flight (that request fails loudly): never is it applied as the answer.
    const second = await worker.run(['ok'], { cwd })
    expect(second.output).not.toContain('again')
    if (second.internalError)
      expect(second.internalError).toBe('cython worker protocol error: answer for request 1 while request 2 was in flight')
    else expect(pidOf(second)).not.toBe(pidOf(first))
    const third = await worker.run(['ok'], { cwd })
    expect([third.exitCode, third.internalError]).toEqual([0, undefined])
    expect(pidOf(third)).not.toBe(pidOf(first))
    worker.close()
  })

  it('a worker that dies mid-request fails that request with its own exit and output', async () => {
    const worker = new CythonWorker(fakePython(), process.env, new ChildRegistry())
    const died = await worker.run(['die'], { cwd })
    expect([died.exitCode, died.signal, died.output]).toEqual([7, null, 'boom\n'])
    expect((await worker.run(['ok'], { cwd })).exitCode).toBe(0)
    worker.close()
  })

  it('real Cython across recycling points: every module gets its own answer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-worker-real-'))
    for (let i = 0; i < 9; i++) {
      // Every third module is broken, with an error that names it.
      const body = i % 3 === 2 ? `def f():\n    return undefined_name_${i}\n` : `def f():\n    return ${i}\n`
      fs.writeFileSync(path.join(dir, `w${i}.pyx`), body)
    }
    const worker = new CythonWorker(testPython(), process.env, new ChildRegistry(), 2)
    const outcomes: ProcessOutcome[] = []
    for (let i = 0; i < 9; i++) outcomes.push(await worker.run(['-3', `w${i}.pyx`, '-o', `w${i}.c`], { cwd: dir }))
    worker.close()
    outcomes.forEach((outcome, i) => {
      expect([i, outcome.exitCode, outcome.signal]).toEqual([i, i % 3 === 2 ? 1 : 0, null])
      const named = [...outcome.output.matchAll(/w(\d+)\.pyx/g)].map(m => Number(m[1]))
      expect(named.every(n => n === i)).toBe(true)
      if (i % 3 === 2) expect(outcome.output).toContain(`undefined_name_${i}`)
      // Cython 0.29 leaves a stub .c with `#error` behind a failure; a good one holds the module's init.
      expect(fs.readFileSync(path.join(dir, `w${i}.c`), 'utf8').includes(`PyInit_w${i}`)).toBe(i % 3 !== 2)
    })
  }, 60_000)
})
