#!/usr/bin/env node
// Finds an interpreter that can build Cython extensions here: it imports Cython and has Python.h.
// Order: $CYTHON_FANOUT_PYTHON, python3, python, then the system's /usr/bin/python3 (Debian's cython3 belongs to it).
// `node scripts/find-python.mjs` prints the path, or exits 1 saying what each candidate lacks.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PROBE = [
  'import json, os, sys, sysconfig',
  'try:\n    import Cython; cy = Cython.__version__\nexcept Exception:\n    cy = None',
  'h = os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))',
  'print(json.dumps({"executable": sys.executable, "cython": cy, "headers": h}))',
].join('\n')

export function candidates(env = process.env) {
  const list = [env.CYTHON_FANOUT_PYTHON, 'python3', 'python']
  if (process.platform !== 'win32') list.push('/usr/bin/python3', '/usr/local/bin/python3')
  return [...new Set(list.filter(Boolean))]
}

/** Each candidate with what it has: {candidate, executable, cython, headers} or {candidate, missing: true}. */
export function surveyPythons(env = process.env) {
  return candidates(env).map(candidate => {
    const r = spawnSync(candidate, ['-c', PROBE], { encoding: 'utf8' })
    if (r.error || r.status !== 0) return { candidate, missing: true }
    try {
      return { candidate, ...JSON.parse(r.stdout.trim()) }
    } catch {
      return { candidate, missing: true }
    }
  })
}

export function findCythonPython(env = process.env) {
  return surveyPythons(env).find(p => !p.missing && p.cython && p.headers)
}

export function describeSurvey(survey) {
  return survey
    .map(
      p =>
        `  ${p.candidate}: ${p.missing ? 'not found' : `${p.executable}, Cython ${p.cython ?? 'missing'}, Python.h ${p.headers ? 'found' : 'missing'}`}`,
    )
    .join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findCythonPython()
  if (found) {
    console.log(found.executable)
  } else {
    console.error(`No Python with Cython and its headers was found:\n${describeSurvey(surveyPythons())}`)
    process.exit(1)
  }
}
