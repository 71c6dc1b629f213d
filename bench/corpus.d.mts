/** Types for bench/corpus.mjs (plain JavaScript, so the TypeScript tests can import it). */
export const PACKAGE: string
export const MANIFEST: string

export interface CorpusOptions {
  modules?: number
  seed?: number
  /** 0 < scale <= 1: shrinks the heavy modules (the smoke benchmark uses 0.1). */
  heavyScale?: number
}

export interface CorpusModule {
  name: string
  source: string
  kind: 'plain' | 'heavy' | 'cpp' | 'shape'
  language: 'c' | 'c++'
  units: number
  /** .pxd and .pxi files the module depends on, transitively. */
  deps: string[]
  /** What the built module's check() returns. */
  expected: number
  flavour?: 'classes' | 'inline-c'
}

export interface CorpusManifest {
  seed: number
  heavyScale: number
  moduleCount: number
  package: string
  plan: { shape: number; heavy: number; cpp: number; plain: number }
  counts: {
    heavy: number
    cpp: number
    shape: number
    plain: number
    pxdGraph: number
    baseDependents: number
    chain: number
    pxi: number
    pxdFiles: number
    pxiFiles: number
  }
  edits: { pyx: { path: string; dependents: number }; pxd: { path: string; dependents: number } }
  modules: CorpusModule[]
}

export function mulberry32(seed: number): () => number
export function corpusPlan(modules: number): { shape: number; heavy: number; cpp: number; plain: number }
export function corpusFiles(options?: CorpusOptions): { files: Map<string, string>; manifest: CorpusManifest }
export function generateCorpus(dir: string, options?: CorpusOptions): CorpusManifest
export function readManifest(dir: string): CorpusManifest
export function editSource(dir: string, rel: string, stamp: number): void
