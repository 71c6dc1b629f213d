import { execFileSync } from 'node:child_process'

let cached: string | undefined

/**
 * The interpreter the tests build for: the same search as `npm run demo` (scripts/find-python.mjs). `npm test`
 * installs one first (pretest); when none is found the tests fail here, saying what each candidate lacks.
 */
export function testPython(): string {
  if (!cached) {
    try {
      cached = execFileSync(process.execPath, ['scripts/find-python.mjs'], { encoding: 'utf8' }).trim()
    } catch (err) {
      throw new Error(`No Python with Cython for the tests (run npm run setup-python): ${(err as { stderr?: string }).stderr ?? err}`, {
        cause: err,
      })
    }
  }
  return cached
}

/** Imports each module in `dir` and returns what `expr` (evaluated with the module as `m`) gives, by module name. */
export function importAndCall(dir: string, modules: string[], expr = 'm.check()'): Record<string, unknown> {
  const script = [
    'import importlib, json, sys',
    'out = {}',
    'for name in sys.argv[1:]:',
    '    m = importlib.import_module(name)',
    `    out[name] = ${expr}`,
    'print(json.dumps(out))',
  ].join('\n')
  return JSON.parse(execFileSync(testPython(), ['-c', script, ...modules], { cwd: dir, encoding: 'utf8' }))
}
