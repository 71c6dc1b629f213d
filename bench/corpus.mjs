#!/usr/bin/env node
/**
 * A synthetic but realistic Cython code base for the benchmark: a package tree with a long tail of module sizes,
 * a few HEAVY modules, C++ modules, a graph of `.pxd` files (one widely cimported, chains) and `.pxi` includes.
 * Deterministic: the same seed gives byte-identical files, so every tool builds exactly the same sources.
 *
 *   node bench/corpus.mjs --out DIR [--modules N] [--seed S]
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

export const PACKAGE = 'benchpkg'
export const MANIFEST = 'bench-manifest.json'
const SUBPACKAGES = ['core', 'shapes', 'algo', 'io', 'text', 'models', 'models/deep', 'stats', 'graph', 'util']
const PLAIN_HOMES = SUBPACKAGES.filter(s => s !== 'shapes')
const BASE_PXD = `${PACKAGE}/core/base.pxd`
const MID_PXD = `${PACKAGE}/core/mid.pxd`
const TOP_PXD = `${PACKAGE}/core/top.pxd`
const HEADER = '# cython: language_level=3\n'

/** mulberry32: tiny, fast and identical on every platform. */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomTools(seed) {
  const next = mulberry32(seed)
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1))
  const chance = p => next() < p
  const pick = items => items[Math.floor(next() * items.length)]
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  return { next, int, chance, pick, normal }
}

/** How many modules of each kind: the shares hold for 120 modules, and every kind exists from 4 modules up. */
export function corpusPlan(modules) {
  const shape = Math.max(1, Math.round(modules * 0.06))
  const heavy = Math.max(1, Math.round(modules * 0.03))
  const cpp = Math.max(1, Math.round(modules * 0.05))
  return { shape, heavy, cpp, plain: modules - shape - heavy - cpp }
}

const slug = sub => sub.replace(/\//g, '_')
const dotted = file => file.replace(/\.(pyx|pxd)$/, '').replace(/\//g, '.')
const pad = (n, width = 3) => String(n).padStart(width, '0')

/* ---------- units: one piece of Cython code plus the check() term it adds and that term's value ---------- */

function cfuncUnit(k, r) {
  const a = r.int(2, 9)
  const b = r.int(1, 99)
  return {
    code: `cdef long long f${k}(long long x):\n    return x * ${a} + ${b}\n`,
    term: `f${k}(${k + 1})`,
    value: (k + 1) * a + b,
  }
}

function cpdefUnit(k, r) {
  const c = r.int(1, 50)
  return {
    code: `cpdef long long g${k}(long long x, long long y):\n    return x * y - ${c}\n`,
    term: `g${k}(${k}, 2)`,
    value: 2 * k - c,
  }
}

function classUnit(k, r) {
  const m = r.int(2, 7)
  const code = [
    `cdef class K${k}:`,
    '    cdef readonly long long v',
    '    cdef list items',
    '',
    '    def __init__(self, long long v):',
    '        self.v = v',
    '        self.items = [v, v + 1]',
    '',
    '    cpdef long long twice(self):',
    `        return self.v * ${m} + len(self.items)`,
    '',
    '    def shifted(self, long long by):',
    `        return K${k}(self.v + by)`,
    '',
    '    def __repr__(self):',
    `        return 'K${k}(%d)' % self.v`,
    '',
  ].join('\n')
  return { code, term: `K${k}(${k + 2}).twice()`, value: (k + 2) * m + 2 }
}

function loopUnit(k, r) {
  const a = r.int(1, 9)
  const code = [
    `cdef double h${k}(int n) nogil:`,
    '    cdef double acc = 0',
    '    cdef int i',
    '    for i in range(n):',
    `        acc += i * ${a}`,
    '    return acc',
    '',
  ].join('\n')
  return { code, term: `<long long>h${k}(10)`, value: 45 * a }
}

function memviewUnit(k, r) {
  const m = r.int(2, 9)
  const code = [
    `def s${k}(long long[:] xs):`,
    '    cdef Py_ssize_t i',
    '    cdef long long acc = 0',
    '    for i in range(xs.shape[0]):',
    `        acc += xs[i] * ${m}`,
    '    return acc',
    '',
  ].join('\n')
  return { code, term: `s${k}(_arr('q', [1, 2, 3]))`, value: 6 * m, imports: ['from array import array as _arr'] }
}

const MOD = 1000003

/** A C function gcc has to work on (loop + switch), and its value for x = k, computed the same way in JS. */
function inlineCUnit(k, r) {
  const [a, b, c, d, iters] = [r.int(2, 999), r.int(1, 9999), r.int(1, 999999), r.int(1, 99), r.int(8, 24)]
  const body = [
    `static long long hc_${k}(long long x) {`,
    '    long long acc = x;',
    '    int i;',
    `    for (i = 0; i < ${iters}; i++) {`,
    '        switch ((acc + i) % 4) {',
    `        case 0: acc = (acc * ${a} + ${b}) % ${MOD}; break;`,
    `        case 1: acc = (acc ^ ${c}) % ${MOD}; break;`,
    `        case 2: acc = (acc + ${d} * i) % ${MOD}; break;`,
    `        default: acc = (acc * 3 + 1) % ${MOD}; break;`,
    '        }',
    '    }',
    '    return acc;',
    '}',
  ].join('\n')
  let acc = k
  for (let i = 0; i < iters; i++) {
    const sw = (acc + i) % 4
    if (sw === 0) acc = (acc * a + b) % MOD
    else if (sw === 1) acc = (acc ^ c) % MOD
    else if (sw === 2) acc = (acc + d * i) % MOD
    else acc = (acc * 3 + 1) % MOD
  }
  return { cCode: body, term: `hc_${k}(${k})`, value: acc }
}

const PLAIN_UNITS = [cfuncUnit, cfuncUnit, cpdefUnit, classUnit, loopUnit]

/* ---------- modules ---------- */

/** Cimports and includes a module uses beyond its own code: each adds a line, a check() term and dependencies. */
function linkTerms(links, shapesByName, sub) {
  const lines = []
  const terms = []
  const deps = new Set()
  if (links.base) {
    lines.push('from benchpkg.core.base cimport bp_scale')
    terms.push({ term: `bp_scale(${links.base})`, value: links.base * 3 + 7 })
    deps.add(BASE_PXD)
  }
  if (links.chain) {
    lines.push('from benchpkg.core.top cimport top_mix')
    terms.push({ term: `top_mix(${links.chain})`, value: (links.chain * 3 + 18) * 2 })
    ;[TOP_PXD, MID_PXD, BASE_PXD].forEach(d => deps.add(d))
  }
  if (links.shape) {
    const shape = shapesByName.get(links.shape)
    lines.push(`from ${dotted(shape.source)} cimport ${shape.className}`)
    terms.push({ term: `${shape.className}(2, 5).area()`, value: 10 + shape.areaConst })
    shape.pxdChain.forEach(d => deps.add(d))
  }
  if (links.pxi) {
    const pxi = `${PACKAGE}/${sub}/_${slug(sub)}_consts.pxi`
    lines.push(`include "_${slug(sub)}_consts.pxi"`)
    terms.push({ term: `pxi_${slug(sub)}(${links.pxi})`, value: links.pxi * 5 + SUBPACKAGES.indexOf(sub) })
    deps.add(pxi)
  }
  return { lines, terms, deps }
}

function checkFunction(terms) {
  const body = terms.map(t => `    total += ${t.term}\n`).join('')
  return `def check():\n    cdef long long total = 0\n${body}    return total\n`
}

function moduleText({ directives = [], imports = [], links, units, extern = '', helpers = '', extraTerms = [] }) {
  const head = [HEADER.trimEnd(), ...directives].join('\n')
  const importBlock = [...new Set([...imports, ...links.lines])].join('\n')
  const code = [...units.map(u => u.code), helpers].join('\n')
  const terms = [...units, ...links.terms, ...extraTerms]
  const parts = [head, importBlock, extern, code, checkFunction(terms)].filter(p => p.trim() !== '')
  return { text: parts.join('\n\n'), value: terms.reduce((s, t) => s + t.value, 0) }
}

function plainModule(r, ctx) {
  const units = []
  const count = Math.min(45, Math.max(1, Math.round(Math.exp(Math.log(3) + 0.9 * r.normal()))))
  for (let k = 0; k < count; k++) units.push(r.pick(PLAIN_UNITS)(k, r))
  if (r.chance(0.25)) units.push(memviewUnit(count, r))
  const imports = units.flatMap(u => u.imports ?? [])
  const links = linkTerms(ctx.links, ctx.shapesByName, ctx.sub)
  return { ...moduleText({ imports, links, units }), deps: links.deps, units: units.length }
}

/** Two flavours of heavy: many extension types (what big Cython code bases have) and a large verbatim C block. */
function heavyModule(r, ctx, index, scale) {
  const scaled = (lo, hi) => Math.max(1, Math.round(r.int(lo, hi) * scale))
  const links = linkTerms(ctx.links, ctx.shapesByName, ctx.sub)
  if (index % 2 === 0) {
    const units = []
    const count = scaled(70, 90)
    for (let k = 0; k < count; k++) units.push(k % 3 === 2 ? cfuncUnit(k, r) : classUnit(k, r))
    return { ...moduleText({ links, units }), deps: links.deps, units: count, flavour: 'classes' }
  }
  const cUnits = []
  const count = scaled(1400, 1600)
  for (let k = 0; k < count; k++) cUnits.push(inlineCUnit(k, r))
  // one C function calls them all, so gcc compiles and optimises every one (unused statics are dropped early)
  const sum = ['static long long hc_sum(void) {', '    long long t = 0;', ...cUnits.map(u => `    t += ${u.term};`), '    return t;', '}']
  const verbatim = [...cUnits.map(u => u.cCode), ...sum].join('\n').replace(/^/gm, '    ')
  const extern = `cdef extern from *:\n    """\n${verbatim}\n    """\n    long long hc_sum()\n`
  const units = [cfuncUnit(0, r), classUnit(1, r)]
  const extraTerms = [{ term: 'hc_sum()', value: cUnits.reduce((t, u) => t + u.value, 0) }]
  const mod = moduleText({ links, units, extern, extraTerms })
  return { ...mod, deps: links.deps, units: count + units.length, flavour: 'inline-c' }
}

function cppModule(r, ctx) {
  const n = r.int(5, 40)
  const a = r.int(2, 9)
  const word = r.pick(['alpha', 'bravo', 'charlie', 'delta'])
  const links = linkTerms(ctx.links, ctx.shapesByName, ctx.sub)
  const units = [cfuncUnit(0, r), classUnit(1, r)]
  const body = [
    'cdef long long vec_total(int n):',
    '    cdef vector[long long] v',
    '    cdef map[int, long long] seen',
    '    cdef long long total = 0',
    '    cdef int i',
    '    for i in range(n):',
    `        v.push_back(i * ${a})`,
    `        seen[i % 7] = i`,
    '    for x in v:',
    '        total += x',
    '    return total + <long long>seen.size()',
    '',
    'cdef size_t word_len():',
    `    cdef string s = b"${word}"`,
    '    s.append(b"!")',
    '    return s.size()',
    '',
  ].join('\n')
  const vecValue = (a * n * (n - 1)) / 2 + Math.min(n, 7)
  const extraTerms = [
    { term: `vec_total(${n})`, value: vecValue },
    { term: '<long long>word_len()', value: word.length + 1 },
  ]
  const mod = moduleText({
    directives: ['# distutils: language = c++'],
    imports: ['from libcpp.vector cimport vector', 'from libcpp.string cimport string', 'from libcpp.map cimport map'],
    links,
    units,
    helpers: body,
    extraTerms,
  })
  return { ...mod, deps: links.deps, units: units.length + 2 }
}

/* ---------- shapes: cdef classes declared in .pxd files that other modules cimport (a .pxd graph) ---------- */

function planShapes(count) {
  const shapes = []
  for (let j = 0; j < count; j++) {
    const className = `Shape${pad(j, 2)}`
    const source = `${PACKAGE}/shapes/shape_${pad(j, 2)}.pyx`
    const pxd = source.replace(/\.pyx$/, '.pxd')
    // every odd shape extends the one before it: shape_01.pxd -> shape_00.pxd -> core/base.pxd
    const parent = j % 2 === 1 ? shapes[j - 1] : null
    const pxdChain = parent ? [pxd, ...parent.pxdChain] : [pxd, BASE_PXD]
    shapes.push({ j, className, source, pxd, parent, pxdChain, areaConst: parent ? parent.areaConst : j + 1 })
  }
  return shapes
}

function shapeFiles(shape) {
  const p = shape.parent
  const pxd = p
    ? [
        `from ${dotted(p.source)} cimport ${p.className}`,
        'from benchpkg.core.base cimport bp_long',
        '',
        `cdef class ${shape.className}(${p.className}):`,
        '    cdef bp_long perimeter(self)',
        '',
      ]
    : [
        'from benchpkg.core.base cimport bp_long',
        '',
        `cdef class ${shape.className}:`,
        '    cdef readonly bp_long w, h',
        '    cdef bp_long area(self)',
        '',
      ]
  const pyx = p
    ? [
        HEADER,
        `cdef class ${shape.className}(${p.className}):`,
        '    cdef bp_long perimeter(self):',
        `        return 2 * (self.w + self.h) + ${shape.j}`,
        '',
        '',
        'def check():',
        `    cdef ${shape.className} s = ${shape.className}(2, 3)`,
        '    return s.area() + s.perimeter()',
        '',
      ]
    : [
        HEADER,
        'from benchpkg.core.base cimport bp_scale',
        '',
        '',
        `cdef class ${shape.className}:`,
        '    def __init__(self, bp_long w, bp_long h):',
        '        self.w = w',
        '        self.h = h',
        '',
        '    cdef bp_long area(self):',
        `        return self.w * self.h + ${shape.areaConst}`,
        '',
        '',
        'def check():',
        `    return ${shape.className}(2, 3).area() + bp_scale(${shape.j})`,
        '',
      ]
  const value = p ? 6 + shape.areaConst + 10 + shape.j : 6 + shape.areaConst + shape.j * 3 + 7
  return { pxd: HEADER + pxd.join('\n'), pyx: pyx.join('\n'), value }
}

/* ---------- shared headers and includes ---------- */

const CORE_HEADERS = {
  [BASE_PXD]: [
    '# Widely cimported: editing it rebuilds every module that depends on it.',
    'ctypedef long long bp_long',
    '',
    'cdef enum:',
    '    BP_LIMIT = 1000',
    '',
    'cdef inline bp_long bp_scale(bp_long x):',
    '    return x * 3 + 7',
    '',
  ].join('\n'),
  [MID_PXD]: [
    'from benchpkg.core.base cimport bp_long, bp_scale',
    '',
    'cdef inline bp_long mid_step(bp_long x):',
    '    return bp_scale(x) + 11',
    '',
  ].join('\n'),
  [TOP_PXD]: [
    '# A chain: top.pxd -> mid.pxd -> base.pxd',
    'from benchpkg.core.base cimport bp_long',
    'from benchpkg.core.mid cimport mid_step',
    '',
    'cdef inline bp_long top_mix(bp_long x):',
    '    return mid_step(x) * 2',
    '',
  ].join('\n'),
}

function pxiText(sub) {
  return `cdef inline long long pxi_${slug(sub)}(long long x):\n    return x * 5 + ${SUBPACKAGES.indexOf(sub)}\n`
}

/* ---------- layout ---------- */

/** Which cimports/includes a module uses; the first few plain modules are forced so that small corpora have them all. */
function chooseLinks(r, shapes, forced) {
  const links = {}
  if (forced === 0 || (forced < 0 && r.chance(0.35))) links.base = r.int(1, 50)
  if (forced === 1 || (forced < 0 && r.chance(0.25))) links.chain = r.int(1, 50)
  // shape_00 is the popular one: the skew makes one class .pxd widely cimported too
  if (forced === 2 || (forced < 0 && r.chance(0.25))) links.shape = r.chance(0.5) ? shapes[0].className : r.pick(shapes).className
  if (forced === 3 || (forced < 0 && r.chance(0.2))) links.pxi = r.int(1, 50)
  return links
}

function layoutModules(modules, r) {
  const plan = corpusPlan(modules)
  const shapes = planShapes(plan.shape)
  const kinds = [...Array(plan.plain).fill('plain'), ...Array(plan.heavy).fill('heavy'), ...Array(plan.cpp).fill('cpp')]
  // spread the heavy and C++ modules through the order (a stable shuffle from the seed)
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = r.int(0, i)
    ;[kinds[i], kinds[j]] = [kinds[j], kinds[i]]
  }
  const counters = { plain: 0, heavy: 0, cpp: 0 }
  const entries = kinds.map((kind, i) => {
    const sub = r.pick(PLAIN_HOMES)
    const index = counters[kind]++
    const stem = kind === 'plain' ? `m${pad(i)}` : `${kind}_${pad(index, 2)}`
    const forced = kind === 'plain' && index < 4 ? index : -1
    return { kind, index, sub, source: `${PACKAGE}/${sub}/${stem}.pyx`, links: chooseLinks(r, shapes, forced) }
  })
  return { plan, shapes, entries }
}

function buildModule(entry, r, shapesByName, heavyScale) {
  const ctx = { links: entry.links, shapesByName, sub: entry.sub }
  if (entry.kind === 'heavy') return heavyModule(r, ctx, entry.index, heavyScale)
  if (entry.kind === 'cpp') return cppModule(r, ctx)
  return plainModule(r, ctx)
}

function setupPy(modules) {
  const exts = modules
    .map(m => {
      const lang = m.language === 'c++' ? ", language='c++'" : ''
      return `    Extension('${m.name}', ['${m.source}']${lang}),`
    })
    .join('\n')
  return [
    '# Generated by bench/corpus.mjs. The usual setup.py of a Cython project: Extension objects passed through',
    '# cythonize(), so `python setup.py build_ext -j N --inplace` runs Cython (serially, at setup time, skipping',
    '# up-to-date .c files) and then compiles the C/C++ in N parallel jobs.',
    'from setuptools import Extension, setup',
    'from Cython.Build import cythonize',
    '',
    'extensions = [',
    exts,
    ']',
    '',
    "setup(name='benchpkg', ext_modules=cythonize(extensions, compiler_directives={'language_level': 3}))",
    '',
  ].join('\n')
}

function dependentsOf(file, modules) {
  return modules.filter(m => m.deps.includes(file)).length
}

/** Everything about the corpus except the file texts: what the runner and the tests check against. */
function manifestOf({ modules, seed, heavyScale, plan, files, modulesOut }) {
  const leaf = modulesOut.filter(m => m.kind === 'plain')
  const pyxTarget = leaf[Math.floor(leaf.length / 2)]
  return {
    seed,
    heavyScale,
    moduleCount: modules,
    package: PACKAGE,
    plan,
    counts: {
      heavy: modulesOut.filter(m => m.kind === 'heavy').length,
      cpp: modulesOut.filter(m => m.language === 'c++').length,
      shape: modulesOut.filter(m => m.kind === 'shape').length,
      plain: leaf.length,
      pxdGraph: modulesOut.filter(m => m.deps.some(d => d.endsWith('.pxd'))).length,
      baseDependents: dependentsOf(BASE_PXD, modulesOut),
      chain: dependentsOf(TOP_PXD, modulesOut),
      pxi: modulesOut.filter(m => m.deps.some(d => d.endsWith('.pxi'))).length,
      pxdFiles: files.filter(f => f.endsWith('.pxd')).length,
      pxiFiles: files.filter(f => f.endsWith('.pxi')).length,
    },
    edits: {
      pyx: { path: pyxTarget.source, dependents: 1 },
      pxd: { path: BASE_PXD, dependents: dependentsOf(BASE_PXD, modulesOut) },
    },
    modules: modulesOut,
  }
}

/** Builds the whole corpus in memory: {files: Map(relPath -> text), manifest}. Pure. */
export function corpusFiles({ modules = 120, seed = 1, heavyScale = 1 } = {}) {
  if (!Number.isInteger(modules) || modules < 4) throw new Error(`modules: expected an integer >= 4, got ${modules}`)
  if (!Number.isInteger(seed)) throw new Error(`seed: expected an integer, got ${seed}`)
  if (!(heavyScale > 0 && heavyScale <= 1)) throw new Error(`heavyScale: expected a number in (0, 1], got ${heavyScale}`)
  const r = randomTools(seed)
  const files = new Map()
  const { plan, shapes, entries } = layoutModules(modules, r)
  const shapesByName = new Map(shapes.map(s => [s.className, s]))
  const modulesOut = []
  for (const shape of shapes) {
    const f = shapeFiles(shape)
    files.set(shape.pxd, f.pxd)
    files.set(shape.source, f.pyx)
    modulesOut.push(moduleRecord(shape.source, 'shape', 'c', shape.pxdChain, f.value, 2))
  }
  for (const entry of entries) {
    const m = buildModule(entry, r, shapesByName, heavyScale)
    files.set(entry.source, m.text)
    const language = entry.kind === 'cpp' ? 'c++' : 'c'
    modulesOut.push({
      ...moduleRecord(entry.source, entry.kind, language, [...m.deps], m.value, m.units),
      ...(m.flavour ? { flavour: m.flavour } : {}),
    })
  }
  for (const [file, text] of Object.entries(CORE_HEADERS)) files.set(file, HEADER + text)
  for (const sub of PLAIN_HOMES) files.set(`${PACKAGE}/${sub}/_${slug(sub)}_consts.pxi`, pxiText(sub))
  files.set(`${PACKAGE}/__init__.py`, '"""Synthetic Cython package generated by bench/corpus.mjs."""\n')
  for (const sub of SUBPACKAGES) files.set(`${PACKAGE}/${sub}/__init__.py`, '')
  modulesOut.sort((a, b) => (a.source < b.source ? -1 : 1))
  files.set('setup.py', setupPy(modulesOut))
  const manifest = manifestOf({ modules, seed, heavyScale, plan, files: [...files.keys()], modulesOut })
  files.set(MANIFEST, JSON.stringify(manifest, null, 2) + '\n')
  return { files, manifest }
}

function moduleRecord(source, kind, language, deps, expected, units) {
  return { name: dotted(source), source, kind, language, units, deps: [...new Set(deps)].sort(), expected }
}

/** Writes the corpus into dir (created; a previous corpus there is replaced, anything else is refused). */
export function generateCorpus(dir, options = {}) {
  const { files, manifest } = corpusFiles(options)
  clearPreviousCorpus(dir)
  for (const [rel, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = path.join(dir, ...rel.split('/'))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, text)
  }
  return manifest
}

function clearPreviousCorpus(dir) {
  if (!fs.existsSync(dir)) return fs.mkdirSync(dir, { recursive: true })
  const entries = fs.readdirSync(dir)
  if (entries.length === 0) return
  if (!entries.includes(MANIFEST)) {
    throw new Error(`--out ${dir}: not empty and not a corpus made by bench/corpus.mjs (no ${MANIFEST}); give a new or empty directory`)
  }
  for (const e of entries) fs.rmSync(path.join(dir, e), { recursive: true, force: true })
}

/** Reads the manifest a generated corpus carries. */
export function readManifest(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'))
}

/** A real edit (new code, not a comment) appended to a .pyx or .pxd; `stamp` keeps successive edits distinct. */
export function editSource(dir, rel, stamp) {
  const file = path.join(dir, ...rel.split('/'))
  const addition = rel.endsWith('.pxd')
    ? `\ncdef inline long long bench_edit_${stamp}(long long x):\n    return x + ${stamp}\n`
    : `\n\ndef bench_edit_${stamp}():\n    return ${stamp}\n`
  fs.appendFileSync(file, addition)
}

function parseIntArg(name, value, fallback, min) {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^-?\d+$/.test(value) || n < min) throw new Error(`--${name} ${value}: expected an integer >= ${min}`)
  return n
}

function parseScale(value) {
  if (value === undefined) return 1
  const n = Number(value)
  if (!(n > 0 && n <= 1)) throw new Error(`--heavy-scale ${value}: expected a number greater than 0 and at most 1`)
  return n
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      modules: { type: 'string' },
      seed: { type: 'string' },
      'heavy-scale': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || !values.out) {
    console.log(
      'usage: node bench/corpus.mjs --out DIR [--modules N (>= 4, default 120)] [--seed S (default 1)] [--heavy-scale F (0 < F <= 1, default 1)]',
    )
    return values.help ? 0 : 2
  }
  const modules = parseIntArg('modules', values.modules, 120, 4)
  const seed = parseIntArg('seed', values.seed, 1, -(2 ** 31))
  const heavyScale = parseScale(values['heavy-scale'])
  const m = generateCorpus(values.out, { modules, seed, heavyScale })
  const c = m.counts
  console.log(
    `${values.out}: ${m.moduleCount} modules (${c.heavy} heavy, ${c.cpp} C++, ${c.shape} with .pxd classes, ${c.pxdGraph} cimport .pxd files, ${c.pxi} include .pxi)`,
  )
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (err) {
    console.error(`corpus.mjs: ${err.message}`)
    process.exitCode = 2
  }
}
