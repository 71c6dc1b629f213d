import { describe, expect, it, jest } from '@jest/globals'

import type { ModuleSpec } from '../src/plan/module-spec.js'
import type { BuildAttempt, BuildContext } from '../src/pool/build-module.js'
import { type ModuleBuilder, type PoolHooks, runBuildPool } from '../src/pool/build-pool.js'
import type { ModuleResult } from '../src/pool/module-result.js'
import { ChildRegistry } from '../src/pool/process-tree.js'

/** The pool's scheduling alone: a builder that the test drives, no Python, no compiler, no clock. */

function spec(name: string): ModuleSpec {
  return {
    name,
    source: `${name}.pyx`,
    kind: 'cython',
    language: 'c',
    directives: {} as ModuleSpec['directives'],
    generated: `${name}.c`,
    output: `${name}.so`,
    size: 1,
  }
}

function context(signal = new AbortController().signal): BuildContext {
  return { signal, registry: new ChildRegistry() } as unknown as BuildContext
}

function built(module: ModuleSpec): BuildAttempt {
  return { kind: 'done', result: { module, status: 'built', durations: { total: 1 }, output: '', diagnostics: [] } }
}

function failed(module: ModuleSpec): BuildAttempt {
  return {
    kind: 'done',
    result: { module, status: 'failed', reason: 'cython, exit 1', durations: { total: 1 }, output: '', diagnostics: [] },
  }
}

/** Records what the pool did; `lowered` calls and the finishing order. */
function recorder(): PoolHooks & { order: string[]; lowerings: Array<[number, string]> } {
  const order: string[] = []
  const lowerings: Array<[number, string]> = []
  return {
    order,
    lowerings,
    finished: (result: ModuleResult) => order.push(`${result.module.name}:${result.status}`),
    lowered: (jobs: number, error: string) => lowerings.push([jobs, error]),
  }
}

/** A builder that answers from `decide` and counts how many builds run at once. */
function counting(decide: (module: ModuleSpec, call: number) => BuildAttempt | Promise<BuildAttempt>) {
  const state = { running: 0, peak: 0, calls: new Map<string, number>() }
  const build: ModuleBuilder = async module => {
    state.running++
    state.peak = Math.max(state.peak, state.running)
    const call = (state.calls.get(module.name) ?? 0) + 1
    state.calls.set(module.name, call)
    try {
      await Promise.resolve()
      return await decide(module, call)
    } finally {
      state.running--
    }
  }
  return { build, state }
}

const options = { failFast: false, python: 'unused-python', env: {}, backoffMs: 0 }

describe('the build pool', () => {
  it('builds every module once, never more at once than the limit', async () => {
    const modules = Array.from({ length: 50 }, (_, i) => spec(`m${i}`))
    const { build, state } = counting(built)
    const hooks = recorder()
    const results = await runBuildPool(modules, context(), { ...options, jobs: 3, build }, hooks)
    expect(results.map(r => r.status)).toEqual(modules.map(() => 'built'))
    expect(results.map(r => r.module)).toEqual(modules)
    expect(state.peak).toBe(3)
    expect([...state.calls.values()].every(n => n === 1)).toBe(true)
    expect(hooks.order).toHaveLength(50)
  })

  it('a module refused for lack of resources lowers the limit, says so once, and is tried again', async () => {
    const modules = Array.from({ length: 8 }, (_, i) => spec(`m${i}`))
    const { build, state } = counting((module, call) =>
      module.name === 'm1' && call <= 2 ? { kind: 'retry', error: 'EAGAIN' } : built(module),
    )
    const hooks = recorder()
    const results = await runBuildPool(modules, context(), { ...options, jobs: 4, build }, hooks)
    expect(results.every(r => r.status === 'built')).toBe(true)
    expect(state.calls.get('m1')).toBe(3)
    expect(hooks.lowerings).toHaveLength(1)
    expect(hooks.lowerings[0][1]).toBe('EAGAIN')
    expect(hooks.lowerings[0][0]).toBeLessThan(4)
  })

  it('waits out the back-off before the next try (fake timers)', async () => {
    jest.useFakeTimers()
    try {
      const { build, state } = counting((module, call) => (call === 1 ? { kind: 'retry', error: 'EMFILE' } : built(module)))
      const run = runBuildPool([spec('only')], context(), { ...options, backoffMs: 1000, jobs: 1, build }, recorder())
      await jest.advanceTimersByTimeAsync(999)
      expect(state.calls.get('only')).toBe(1)
      await jest.advanceTimersByTimeAsync(1)
      const results = await run
      expect(state.calls.get('only')).toBe(2)
      expect(results[0].status).toBe('built')
    } finally {
      jest.useRealTimers()
    }
  })

  it('gives up on a module after five refused tries and builds the rest', async () => {
    const modules = [spec('a'), spec('stuck'), spec('b')]
    const { build, state } = counting(module => (module.name === 'stuck' ? { kind: 'retry', error: 'EAGAIN' } : built(module)))
    const results = await runBuildPool(modules, context(), { ...options, jobs: 2, build }, recorder())
    expect(state.calls.get('stuck')).toBe(5)
    expect(results.map(r => [r.module.name, r.status])).toEqual([
      ['a', 'built'],
      ['stuck', 'failed'],
      ['b', 'built'],
    ])
    expect(results[1].reason).toBe('could not start a process: EAGAIN (the system is out of processes, files or memory), 5 tries')
  })

  it('fail-fast starts nothing after the first failure; the rest are skipped', async () => {
    const modules = ['a', 'bad', 'c', 'd'].map(spec)
    const { build } = counting(module => (module.name === 'bad' ? failed(module) : built(module)))
    const results = await runBuildPool(modules, context(), { ...options, failFast: true, jobs: 1, build }, recorder())
    expect(results.map(r => r.status)).toEqual(['built', 'failed', 'skipped', 'skipped'])
  })

  it('a cancel ends the run: what had not started is cancelled', async () => {
    const controller = new AbortController()
    const modules = ['a', 'b', 'c', 'd'].map(spec)
    const { build } = counting(module => {
      if (module.name === 'b') controller.abort()
      return built(module)
    })
    const results = await runBuildPool(modules, context(controller.signal), { ...options, jobs: 1, build }, recorder())
    expect(results.map(r => r.status)).toEqual(['built', 'built', 'cancelled', 'cancelled'])
  })

  it('a builder that throws fails that module only, saying why', async () => {
    const modules = ['a', 'boom', 'c'].map(spec)
    const { build } = counting(module => {
      if (module.name === 'boom') throw new Error('disk on fire')
      return built(module)
    })
    const results = await runBuildPool(modules, context(), { ...options, jobs: 2, build }, recorder())
    expect(results.map(r => [r.status, r.reason])).toEqual([
      ['built', undefined],
      ['failed', 'disk on fire'],
      ['built', undefined],
    ])
  })

  it('a module the cache answers is not built', async () => {
    const modules = ['a', 'hit', 'c'].map(spec)
    const { build, state } = counting(built)
    const hooks: PoolHooks = {
      ...recorder(),
      before: async module =>
        module.name === 'hit' ? { module, status: 'cached', durations: { total: 0 }, output: '', diagnostics: [] } : undefined,
    }
    const results = await runBuildPool(modules, context(), { ...options, jobs: 2, build }, hooks)
    expect(results.map(r => r.status)).toEqual(['built', 'cached', 'built'])
    expect(state.calls.has('hit')).toBe(false)
  })
})
