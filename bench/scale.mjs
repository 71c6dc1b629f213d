/**
 * The scale row: a cold build of many tiny modules (1,000 by default), where per-module costs and the worker
 * protocol matter and the C compile does not. cython-fanout against `cythonize -j N -i` on the same tree, and the
 * serial lower bound. `--smoke` builds it with cython-fanout alone and checks every module imports: the
 * correctness check at size that CI runs.
 */
import fs from 'node:fs'
import path from 'node:path'

import { MANIFEST } from './corpus.mjs'
import { timedOk } from './measure.mjs'
import { reportStatuses, TOOLS } from './tools.mjs'

export const SCALE_PACKAGE = 'scalepkg'

/**
 * `scalepkg/common.pxd` cimported by `modules - 1` tiny modules; each `check()` returns a known value. With a
 * manifest, so bench/probes/verify.py and lower_bound.py read it like the main corpus.
 */
export function generateScaleTree(dir, modules) {
  const pkg = path.join(dir, SCALE_PACKAGE)
  fs.mkdirSync(pkg, { recursive: true })
  fs.writeFileSync(path.join(pkg, '__init__.py'), '')
  fs.writeFileSync(path.join(pkg, 'common.pxd'), 'cdef int base(int x)\n')
  fs.writeFileSync(
    path.join(pkg, 'common.pyx'),
    '# cython: language_level=3\ncdef int base(int x):\n    return x + 1\n\ndef check():\n    return base(-1)\n',
  )
  const list = [{ name: `${SCALE_PACKAGE}.common`, source: `${SCALE_PACKAGE}/common.pyx`, language: 'c', expected: 0 }]
  for (let i = 0; i < modules - 1; i++) {
    const name = `m${String(i).padStart(4, '0')}`
    const text = `# cython: language_level=3\nfrom ${SCALE_PACKAGE}.common cimport base\n\ndef check():\n    return base(${i})\n`
    fs.writeFileSync(path.join(pkg, `${name}.pyx`), text)
    list.push({ name: `${SCALE_PACKAGE}.${name}`, source: `${SCALE_PACKAGE}/${name}.pyx`, language: 'c', expected: i + 1 })
  }
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ moduleCount: modules, modules: list }, null, 1) + '\n')
  return list.length
}

/** The command each tool gets on the scale tree (cythonize takes the package directory, as in the main rows). */
function scaleCommand(tool, ctx, report) {
  if (tool === 'cythonize') {
    return {
      cmd: ctx.python,
      args: ['-m', 'Cython.Build.Cythonize', '-j', String(ctx.opts.jobs), '-i', '-x', `${SCALE_PACKAGE}/__init__.py`, SCALE_PACKAGE],
    }
  }
  return TOOLS.fanout.command({ python: ctx.python, jobs: ctx.opts.jobs, cache: path.join(ctx.opts.work, 'scale-cache-unused'), report })
}

/**
 * Builds the scale tree cold once per tool (cython-fanout with its cache off: a cold build), verifies every module,
 * and in a full run measures the lower bound. `ctx` = {opts, python, verify(python, dir, what), lowerBound(dir)}.
 */
export async function scaleRow(ctx) {
  const tools = ctx.opts.smoke ? ['fanout'] : ctx.opts.tools.filter(t => t === 'fanout' || t === 'cythonize')
  const row = { modules: ctx.opts.scaleModules, jobs: ctx.opts.jobs, tools: {}, lowerBound: null }
  for (const tool of tools) {
    const dir = path.join(ctx.opts.work, `scale-${tool}`)
    generateScaleTree(dir, ctx.opts.scaleModules)
    const report = path.join(ctx.opts.work, 'logs', `scale-${tool}.report.json`)
    const command = scaleCommand(tool, ctx, report)
    if (tool === 'fanout') command.args.push('--no-cache')
    const what = `${TOOLS[tool].label} (scale, ${ctx.opts.scaleModules} modules)`
    const { seconds } = await timedOk({ ...command, cwd: dir, log: path.join(ctx.opts.work, 'logs', `scale-${tool}.log`), what })
    const ok = ctx.verify(ctx.python, dir, what)
    const statuses = tool === 'fanout' ? reportStatuses(report) : null
    if (statuses && statuses.built !== ctx.opts.scaleModules)
      throw new Error(`${what}: report says ${JSON.stringify(statuses)}, expected every module built`)
    row.tools[tool] = { seconds, verified: ok, statuses }
    console.log(
      `scale  ${TOOLS[tool].label.padEnd(14)} ${seconds.toFixed(2).padStart(8)} s  ${ok} modules import and check out${statuses ? ' ' + JSON.stringify(statuses) : ''}`,
    )
    if (!ctx.opts.keep) fs.rmSync(dir, { recursive: true, force: true })
  }
  if (!ctx.opts.smoke) {
    const dir = path.join(ctx.opts.work, 'scale-lower-bound')
    generateScaleTree(dir, ctx.opts.scaleModules)
    row.lowerBound = await ctx.lowerBound(dir)
  }
  return row
}
