import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from '@jest/globals'

/**
 * The layer list of the README, lowest first: a folder of src/ may import only from its own folder and from
 * folders in earlier layers. Folders in one layer never import each other. The files at the top of src/ are the
 * entry points and may import anything.
 */
const LAYERS: string[][] = [
  ['errors'],
  ['files'],
  ['settings'],
  ['host'],
  ['plan'],
  ['toolchain'],
  ['diagnostics'],
  ['pool'],
  ['cache'],
  ['engine'],
  ['report'],
  ['action', 'cli'],
  ['.'],
]

const SRC = path.resolve('src')

/** Every `.ts` file under src/, relative to it with `/`. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : []
  })
}

/** The relative imports of a file's text (static, re-exports and dynamic), as src-relative `.ts` paths. */
export function relativeImports(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/\b(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(m => m[1])
  return specifiers.map(spec => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'))
}

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '.'
}

function layerOf(folder: string): number {
  return LAYERS.findIndex(layer => layer.includes(folder))
}

/** `a -> b` for every import that runs sideways or up the layer list. */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const found: string[] = []
  for (const [file, imports] of graph) {
    const from = folderOf(file)
    for (const target of imports) {
      const to = folderOf(target)
      if (from === to) continue
      if (layerOf(from) < 0 || layerOf(to) < 0)
        found.push(`${file} -> ${target}: src/${layerOf(from) < 0 ? from : to}/ is in no layer (add it to LAYERS and the README)`)
      else if (layerOf(to) >= layerOf(from)) found.push(`${file} -> ${target}: ${from}/ may not import ${to}/`)
    }
  }
  return found
}

/** Every import cycle between files, each once, as `a -> b -> a`. */
export function importCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return cycles
}

function importGraph(): Map<string, string[]> {
  return new Map(sourceFiles().map(file => [file, relativeImports(file, fs.readFileSync(path.join(SRC, file), 'utf8'))]))
}

describe('the layering of src/', () => {
  const graph = importGraph()

  it('reads the imports of every file (the parser finds what it should)', () => {
    expect(graph.size).toBeGreaterThan(40)
    expect(graph.get('cli.ts')).toContain('cli/run-cli.ts')
    const multiLine = "import {\n  a,\n  b,\n} from './parse-inputs.js'\nexport { c } from '../x/y.js'\nawait import('./z.js')"
    expect(relativeImports('settings/settings.ts', multiLine)).toEqual(['settings/parse-inputs.ts', 'x/y.ts', 'settings/z.ts'])
  })

  it('resolves every relative import to a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter(target => !graph.has(target)).map(target => `${file} -> ${target}`),
    )
    expect(missing).toEqual([])
  })

  it('never imports up or across the layer list', () => {
    expect(layerViolations(graph)).toEqual([])
  })

  it('has no import cycle between files', () => {
    expect(importCycles(graph)).toEqual([])
  })

  it('catches a back-import and a cycle when there is one', () => {
    const bad = new Map([
      ['settings/a.ts', ['plan/b.ts']],
      ['plan/b.ts', ['settings/a.ts']],
      ['action/c.ts', ['cli/d.ts']],
      ['cli/d.ts', []],
      ['odd/e.ts', []],
      ['report/f.ts', ['odd/e.ts']],
    ])
    expect(layerViolations(bad)).toEqual([
      'settings/a.ts -> plan/b.ts: settings/ may not import plan/',
      'action/c.ts -> cli/d.ts: action/ may not import cli/',
      'report/f.ts -> odd/e.ts: src/odd/ is in no layer (add it to LAYERS and the README)',
    ])
    expect(importCycles(bad)).toEqual(['plan/b.ts -> settings/a.ts -> plan/b.ts'])
  })
})
