/** Turning the measured runs into the console table, the targets and bench/RESULTS.md. Pure functions. */
import { summarise } from './measure.mjs'
import { displayCommand, TOOLS } from './tools.mjs'

const SCENARIO_LABELS = {
  cold: 'cold build (empty cache)',
  fresh: 'fresh checkout, nothing changed',
  touched: 'outputs kept, sources touched (bonus)',
  editPyx: 'one .pyx edited',
  editPxd: 'widely cimported .pxd edited',
}

const secondsOf = entries => summarise((entries ?? []).map(e => e.seconds))

function fmt(s) {
  if (!s) return 'n/a'
  const d = s.median < 10 ? 2 : 1
  return s.n === 1 ? `${s.median.toFixed(d)} s (n=1)` : `${s.median.toFixed(d)} s (${s.min.toFixed(d)}-${s.max.toFixed(d)}, n=${s.n})`
}

/** Modules a step rebuilt: cython-fanout's report when it has one, else the extension files written. */
export function rebuiltCounts(tool, entries) {
  return (entries ?? []).map(e => (tool === 'fanout' && e.statuses ? (e.statuses.built ?? 0) : e.rewritten))
}

function rebuiltText(tool, entries) {
  const counts = [...new Set(rebuiltCounts(tool, entries))]
  return counts.length ? counts.join('/') : 'n/a'
}

function ratio(a, b) {
  return a && b ? a.median / b.median : null
}

const ratioText = r => (r === null ? 'n/a' : `${r.toFixed(3)}x`)

/** One row per scenario: each tool's time and rebuilt count, and cython-fanout's time over the others'. */
export function rows(results) {
  const tools = results.config.tools
  return Object.keys(SCENARIO_LABELS).map(scenario => {
    const per = results.runs[scenario] ?? {}
    const cells = tools.map(t => ({ tool: t, time: secondsOf(per[t]), rebuilt: rebuiltText(t, per[t]) }))
    const fan = secondsOf(per.fanout)
    return {
      scenario,
      label: SCENARIO_LABELS[scenario],
      cells,
      vsCythonize: ratio(fan, secondsOf(per.cythonize)),
      vsBuildExt: ratio(fan, secondsOf(per.build_ext)),
    }
  })
}

function verdict(value, ok) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'not measured'
  return ok ? 'met' : 'NOT met'
}

/** The issue's targets, each with the measured value and met / NOT met / not measured. */
export function targets(results) {
  const r = results.runs
  const cold = secondsOf(r.cold?.fanout)
  const coldVsCythonize = ratio(cold, secondsOf(r.cold?.cythonize))
  const coldVsBound = cold && results.lowerBound ? cold.median / results.lowerBound.bound : null
  const freshVsCythonize = ratio(secondsOf(r.fresh?.fanout), secondsOf(r.fresh?.cythonize))
  const pyxCounts = rebuiltCounts('fanout', r.editPyx?.fanout)
  return [
    {
      target: 'cold build <= 0.9 x cythonize -j N',
      value: ratioText(coldVsCythonize),
      status: verdict(coldVsCythonize, coldVsCythonize <= 0.9),
    },
    { target: 'cold build within 10% of the lower bound', value: ratioText(coldVsBound), status: verdict(coldVsBound, coldVsBound <= 1.1) },
    {
      target: 'fresh checkout <= 5% of cythonize',
      value: freshVsCythonize === null ? 'n/a' : `${(freshVsCythonize * 100).toFixed(1)}%`,
      status: verdict(freshVsCythonize, freshVsCythonize <= 0.05),
    },
    {
      target: 'one .pyx edited rebuilds 1 module',
      value: pyxCounts.length ? pyxCounts.join('/') : 'n/a',
      status: verdict(
        pyxCounts.length ? 1 : null,
        pyxCounts.every(n => n === 1),
      ),
    },
    overheadTarget(results.overhead),
  ]
}

/**
 * Judged on the engine's own overhead (plan + fingerprint, from the dry-run plan's `timings`), not on the wall time,
 * which adds Node's start-up and one Python start-up (the toolchain probe); the wall time is shown beside it.
 */
export function overheadTarget(o) {
  const engine = summarise(o?.engineMs)
  const wall = summarise(o?.seconds)
  const value = engine ? `${(engine.median / 1000).toFixed(3)} s (wall ${wall ? `${wall.median.toFixed(3)} s` : 'n/a'})` : 'n/a'
  return {
    target: `engine overhead for ${o?.modules ?? 1000} modules < 0.5 s`,
    value,
    status: verdict(engine?.median, engine?.median < 500),
  }
}

function textTable(header, body) {
  const all = [header, ...body]
  const widths = header.map((_, i) => Math.max(...all.map(row => String(row[i]).length)))
  const line = row => row.map((c, i) => String(c).padEnd(widths[i])).join('  ')
  return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

function mdTable(header, body) {
  const line = row => `| ${row.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n')
}

function figureTable(results, render) {
  const j = results.config.jobs
  const heads = results.config.tools.map(t => `${TOOLS[t].label}${t === 'fanout' ? '' : ` -j ${j}`}`)
  const header = ['scenario', ...heads, 'fanout / cythonize', 'fanout / build_ext']
  const body = rows(results).map(row => [
    row.label,
    ...row.cells.map(c => `${fmt(c.time)} [${c.rebuilt}]`),
    ratioText(row.vsCythonize),
    ratioText(row.vsBuildExt),
  ])
  return render(header, body)
}

function targetTable(results, render) {
  return targetRows(targets(results), render)
}

/** What the console shows at the end. */
export function renderTable(results) {
  const lb = results.lowerBound
  const lines = [
    figureTable(results, textTable),
    '[n] = modules rebuilt (cython-fanout: report status "built"; others: .so files written); n= runs measured',
    '',
  ]
  if (lb)
    lines.push(
      `lower bound with ${lb.jobs} jobs: ${lb.bound.toFixed(2)} s (serial sum ${lb.sum.toFixed(2)} s, longest ${lb.longest.name} ${lb.longest.seconds.toFixed(2)} s)`,
      '',
    )
  const breakdown = breakdownLines(results)
  if (breakdown.length) lines.push(...breakdown.slice(1).map(l => l.replaceAll('**', '')), '')
  lines.push(targetTable(results, textTable))
  return lines.join('\n')
}

/**
 * Why a cold build is above the lower bound, from cython-fanout's own report: `packing` = wall / (summed module
 * time / jobs), 1.0 when the slots never idle; `slowdown` = summed module time / the serial sum, what running N
 * compilers at once costs each of them on this machine. cold / lower bound ~= packing x slowdown.
 */
export function coldBreakdown(results) {
  const lb = results.lowerBound
  const cold = (results.runs.cold?.fanout ?? []).filter(e => Number.isFinite(e.moduleSeconds) && e.moduleSeconds > 0)
  if (!lb || cold.length === 0) return null
  return {
    packing: summarise(cold.map(e => e.seconds / (e.moduleSeconds / lb.jobs))),
    slowdown: summarise(cold.map(e => e.moduleSeconds / lb.sum)),
  }
}

function breakdownLines(results) {
  const b = coldBreakdown(results)
  if (!b) return []
  const x = s => `${s.median.toFixed(3)}x (${s.min.toFixed(3)}-${s.max.toFixed(3)})`
  return [
    '',
    `Where cython-fanout's cold build loses to the bound (its report's per-module times, median of ${b.packing.n} run(s)):`,
    `- **packing**: wall / (summed module time / ${results.lowerBound.jobs} jobs) = ${x(b.packing)}; 1.0 means no slot ever waited`,
    `- **slowdown**: summed module time in the parallel build / the serial sum = ${x(b.slowdown)}; what ${results.lowerBound.jobs}` +
      ' compilers running at once cost each other on this machine (every tool pays it)',
  ]
}

function lowerBoundSection(lb, results) {
  if (!lb) return 'Not measured.'
  const each = lb.measurements ?? []
  const measured =
    each.length > 1
      ? [
          `- measured before and after the runs (the host's speed drifts): serial sums ${each.map(m => `${m.sum.toFixed(2)} s`).join(' and ')}; the bound uses each module's mean`,
        ]
      : []
  return [
    `Every module built alone, one after another, in one Python process (Cython imported once): Cython via`,
    "`cythonize([ext], force=True)`, then the C/C++ compile and link via setuptools' own `build_ext` command, so",
    'the compiler and flags are exactly the ones `setup.py build_ext` uses (`bench/probes/lower_bound.py`).',
    '',
    ...measured,
    `- serial sum: ${lb.sum.toFixed(2)} s (Cython ${lb.cython.toFixed(2)} s, C compile + link ${lb.compile.toFixed(2)} s)`,
    `- longest single module: ${lb.longest.name}, ${lb.longest.seconds.toFixed(2)} s`,
    `- **lower bound = max(sum / ${lb.jobs} jobs, longest) = ${lb.bound.toFixed(2)} s**`,
    `- slowest modules: ${lb.slowest.map(s => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}`,
    ...breakdownLines(results),
  ].join('\n')
}

const msRange = s => `${Math.round(s.median)} ms (${Math.round(s.min)}-${Math.round(s.max)})`

function overheadSection(o) {
  if (!o) return 'Not measured (cython-fanout was not among the tools).'
  const s = summarise(o.seconds)
  const [engine, plan, fingerprint, probe] = ['engineMs', 'planMs', 'fingerprintMs', 'toolchainMs'].map(k => summarise(o[k]))
  const lines = [
    `\`${o.command}\` on a generated ${o.modules}-module corpus (find the sources, plan, scan dependencies, fingerprint;`,
    `no compiling), ${s.n} run(s), median (min-max). The target is judged on the engine's own overhead: the`,
    '`timings.planMs + timings.fingerprintMs` that the dry-run plan reports.',
    '',
  ]
  if (engine) {
    lines.push(
      `- **engine overhead: ${msRange(engine)}** (plan ${msRange(plan)}, fingerprint ${msRange(fingerprint)})`,
      `- Python toolchain probe: ${msRange(probe)}`,
    )
  } else {
    lines.push('- engine overhead: not reported (this dist/ prints no `timings` in its dry-run plan)')
  }
  lines.push(
    `- wall time: ${s.median.toFixed(3)} s (${s.min.toFixed(3)}-${s.max.toFixed(3)}); the plan listed ${o.planned ?? '?'} entries`,
    '',
    'The rest of the wall time is start-up and output, paid once per command: Node starting and loading dist/cli.js,',
    'one Python start-up asking setuptools about the compiler (the toolchain probe), and printing the plan.',
  )
  return lines.join('\n')
}

const FAIRNESS = [
  'Every tool builds its **own fresh copy** of the same generated corpus (byte-identical files, new file times) with',
  'the same interpreter and the same `-j`/`--jobs`; the order of the tools rotates run by run (ABC, BCA, CAB, ...).',
  'Times are wall-clock from process start to exit. After every timed step, all modules are imported and their',
  "`check()` compared with the generator's expected value (untimed); a failed build or check aborts the benchmark.",
  '',
  '- **cold build**: a fresh copy with no build outputs; cython-fanout gets an *empty* cache directory (not `--no-cache`).',
  '- **fresh checkout, nothing changed**: what a CI job sees on a new runner. A new copy with no build outputs for',
  '  every tool. cython-fanout gets the cache directory its cold build filled (as `actions/cache` restores it);',
  '  cythonize and build_ext get nothing, because a CI cache holds no in-tree `.c`/`.so`/`build/` files unless the',
  '  user caches them by hand, so they rebuild everything: a new copy with no outputs, exactly their cold build. Their',
  '  row therefore repeats their cold-build times of the same runs rather than building the same thing again.',
  '  (Caching the outputs by hand does not help them either: see the next row.)',
  "- **outputs kept, sources touched (bonus)**: the copy from the cold build with every `.pyx/.pxd/.pxi/.py` file's",
  '  time set to now, as if a CI cache had restored the outputs but the checkout is newer. cythonize and build_ext',
  '  compare file times, so they rebuild everything; cython-fanout keys on content.',
  '- **one .pyx edited / widely cimported .pxd edited**: each tool continues in its own copy, from its own previous',
  '  build (and, for cython-fanout, its cache). The edit adds real code (a new function), not a comment.',
].join('\n')

const NOTES = [
  "- `cythonize` here is Cython's own command line (`python -m Cython.Build.Cythonize`; Debian ships no `cythonize`",
  '  script). It parallelises only when given a directory: a glob or a list of files is compiled one path at a time,',
  '  serially, whatever `-j` says. So it gets the package directory, with `-x` to keep it from compiling `__init__.py`.',
  '- `build_ext` runs the generated `setup.py`, which does what most Cython projects do: `Extension` objects passed',
  '  through `cythonize()` in `setup.py`. Cython then runs serially at setup time (skipping `.c` files newer than',
  '  their sources and dependencies) and `build_ext -j N` compiles the C/C++ in N threads.',
  '- The machine is shared: read the ratios, not the absolute seconds.',
].join('\n')

function corpusSection(results) {
  const c = results.corpus.counts
  const e = results.corpus.edits
  return [
    `\`node bench/corpus.mjs --out DIR --modules ${results.config.modules} --seed ${results.config.seed}\`` +
      (results.config.heavyScale !== 1 ? ` (heavy modules scaled by ${results.config.heavyScale})` : ''),
    '',
    `${results.corpus.moduleCount} modules in \`benchpkg/\`: ${c.heavy} heavy, ${c.cpp} C++, ${c.shape} module(s) defining a cdef class`,
    `in their own .pxd, ${c.pxdGraph} modules cimporting .pxd files (${c.baseDependents} depend on \`core/base.pxd\`, ${c.chain}`,
    `through the chain top.pxd -> mid.pxd -> base.pxd), ${c.pxi} including a .pxi. Edited: \`${e.pyx.path}\``,
    `(1 dependent) and \`${e.pxd.path}\` (${e.pxd.dependents} dependents).`,
  ].join('\n')
}

function commandsSection(results) {
  const { python, jobs } = results.config
  const lines = results.config.tools.map(t => `${displayCommand(t, { python, jobs })}`)
  return [
    'Each runs in the root of its copy of the corpus:',
    '',
    '```sh',
    ...lines,
    '```',
    '',
    `Benchmark: \`${['node bench/run.mjs', ...(results.config.argv ?? [])].join(' ')}\` (python ${python}, ${results.config.modules} modules, ${results.config.runs} run(s), -j ${jobs})`,
  ].join('\n')
}

function machineSection(results) {
  const m = results.machine
  const v = results.versions
  return [
    `- CPU: ${m.cpu}, ${m.logicalCpus} logical CPUs (${m.availableParallelism} available to the process), ${m.memoryGiB.toFixed(1)} GiB memory`,
    `- OS: ${m.os}; load average before ${m.loadAverage}, after ${m.loadAverageAfter ?? '?'}`,
    `- Node ${v.node}; Python ${v.python} (${v.executable}); Cython ${v.cython}; setuptools ${v.setuptools}`,
    `- C compiler: \`${v.cc}\`: ${v.compilerVersion}`,
    `- CFLAGS from sysconfig: \`${v.cflags.replace(/\s+/g, ' ').trim()}\``,
  ].join('\n')
}

/** `--only overhead` on the console: the overhead target row. */
export function renderOverheadTable(results) {
  return targetRows([overheadTarget(results.overhead)], textTable)
}

/** `--only overhead`'s RESULTS-overhead.md: the row, how it was measured, and on what. */
export function renderOverheadMarkdown(results) {
  return [
    '# Engine overhead, measured alone',
    '',
    `Written by \`${['node bench/run.mjs', ...(results.config.argv ?? [])].join(' ')}\` on ${new Date().toISOString().slice(0, 10)}` +
      ' (no builds; bench/RESULTS.md is left as it is).',
    '',
    targetRows([overheadTarget(results.overhead)], mdTable),
    '',
    overheadSection(results.overhead),
    '',
    '## Machine and versions',
    '',
    machineSection(results),
    '',
  ].join('\n')
}

function targetRows(list, render) {
  return render(
    ['target', 'measured', 'status'],
    list.map(t => [t.target, t.value, t.status]),
  )
}

/** What `--limit` cut, in words, or nothing when every row was measured in every run. */
export function limitsText(config) {
  const cut = Object.entries(config.limits ?? {}).filter(([, k]) => k < config.runs)
  if (cut.length === 0) return []
  const rows = cut.map(
    ([scenario, k]) => `"${SCENARIO_LABELS[scenario]}" in ${k === 0 ? 'no run' : k === 1 ? 'the first run' : `the first ${k} runs`}`,
  )
  return [
    '',
    `cythonize and build_ext were measured in ${rows.join(' and ')} only (\`--limit\`): on this machine each of` +
      ' their rebuilds of most modules takes minutes, and every row in every run would take hours. cython-fanout was' +
      ' measured in every row of every run.',
  ]
}

/** bench/RESULTS.md. */
export function renderMarkdown(results) {
  const c = results.config
  return [
    '# Benchmark: cython-fanout vs cythonize -j and build_ext -j',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}: ${results.corpus.moduleCount} modules, ` +
      `${c.runs} run(s), \`-j ${c.jobs}\`. Figures are median (min-max, n = runs measured); [n] = modules rebuilt` +
      ' (cython-fanout: report status `built`; the others: `.so` files written).',
    ...limitsText(c),
    '',
    '## Targets',
    '',
    targetTable(results, mdTable),
    '',
    '## Figures',
    '',
    figureTable(results, mdTable),
    '',
    '## Lower bound',
    '',
    lowerBoundSection(results.lowerBound, results),
    '',
    '## Engine overhead',
    '',
    overheadSection(results.overhead),
    '',
    '## Scale: 1,000 tiny modules, cold',
    '',
    scaleSection(results.scale),
    '',
    '## What each tool is given',
    '',
    FAIRNESS,
    '',
    '## Commands',
    '',
    commandsSection(results),
    '',
    '## Corpus',
    '',
    corpusSection(results),
    '',
    '## Machine and versions',
    '',
    machineSection(results),
    '',
    '## Notes',
    '',
    NOTES,
    '',
  ].join('\n')
}

/** The scale row: cold wall time per tool, against the serial lower bound and against cythonize. */
export function scaleRows(scale) {
  if (!scale) return []
  const fanout = scale.tools.fanout?.seconds
  const cythonize = scale.tools.cythonize?.seconds
  const bound = scale.lowerBound?.bound
  const cell = s => (s === undefined ? 'not measured' : `${s.toFixed(1)} s`)
  const times = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(3)}x`)
  return [
    [
      `cold, ${scale.modules} modules, -j ${scale.jobs}`,
      cell(fanout),
      cell(cythonize),
      cell(bound),
      times(fanout, bound),
      times(fanout, cythonize),
    ],
  ]
}

const SCALE_HEADER = ['row', 'cython-fanout', 'cythonize', 'lower bound', 'fanout / bound', 'fanout / cythonize']

function scaleSection(scale) {
  if (!scale) return 'Not measured in this run.'
  const lb = scale.lowerBound
  return [
    mdTable(SCALE_HEADER, scaleRows(scale)),
    '',
    'Generated by bench/scale.mjs: `scalepkg/common.pxd` cimported by every other module, each a one-line `check()`.',
    'cython-fanout runs with `--no-cache` (a cold build); every built tree is imported and checked module by module.',
    lb ? `Lower bound: each module's Cython + compile + link one at a time, summed (${lb.sum.toFixed(1)} s) / ${lb.jobs} jobs.` : '',
  ].join('\n')
}

export function renderScaleTable(results) {
  return textTable(SCALE_HEADER, scaleRows(results.scale))
}

/** `--only scale`'s RESULTS-scale.md. */
export function renderScaleMarkdown(results) {
  return [
    '# Scale row, measured alone',
    '',
    `Written by \`npm run bench -- --only scale\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    scaleSection(results.scale),
    '',
    '## Machine and versions',
    '',
    machineSection(results),
    '',
  ].join('\n')
}
