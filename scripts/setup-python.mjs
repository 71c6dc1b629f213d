#!/usr/bin/env node
// Makes sure a Python that can build Cython extensions is here, installing what is missing and saying what.
// A machine that already has one is never touched (no apt-get, no pip): the install runs only when no candidate
// of find-python.mjs has both Cython and Python.h, so it happens once; every later run finds that Python.
// Debian/Ubuntu as root (or with sudo): apt-get install cython3 python3-dev python3-setuptools gcc g++.
// Elsewhere: python3 -m pip install cython (the headers and a compiler come with a normal Python install).
import { spawnSync } from 'node:child_process'

import { describeSurvey, findCythonPython, surveyPythons } from './find-python.mjs'

const found = findCythonPython()
if (found) {
  console.log(`Python for the builds: ${found.executable} (Cython ${found.cython})`)
  ensureNumpy(found.executable)
  process.exit(0)
}

console.log(`No Python here has both Cython and its headers:\n${describeSurvey(surveyPythons())}`)
console.log('Installing them once (later runs find this Python and install nothing):')
const installed = installWithApt() || installWithPip()
const after = findCythonPython()
if (!installed || !after) {
  console.error(
    'Could not set up Python for the builds. Install Cython and the Python headers, then retry:\n' +
      '  Debian/Ubuntu: sudo apt-get install cython3 python3-dev\n' +
      '  elsewhere:     python3 -m pip install cython\n' +
      'or point CYTHON_FANOUT_PYTHON at an interpreter that has them.',
  )
  process.exit(1)
}
console.log(`Python for the builds: ${after.executable} (Cython ${after.cython})`)
ensureNumpy(after.executable)

// The setup-py tests build a module whose setup.py imports numpy (get_include()), as many real projects' do.
function ensureNumpy(python) {
  if (spawnSync(python, ['-c', 'import numpy']).status === 0) return
  console.log(`numpy is missing for ${python} (the setup-py tests need it): installing it`)
  if (python === '/usr/bin/python3' && installWithApt(['python3-numpy'])) return
  run(python, ['-m', 'pip', 'install', '--quiet', 'numpy'])
}

function run(cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return !r.error && r.status === 0
}

function installWithApt(packages = ['cython3', 'python3-dev', 'python3-setuptools', 'gcc', 'g++']) {
  if (process.platform !== 'linux' || spawnSync('apt-get', ['--version']).error) return false
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const sudo = asRoot ? [] : ['sudo', '-n']
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) return false
  console.log(`Installing Debian packages: ${packages.join(' ')}`)
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get']
  const apt = sudo.length ? [...pre, 'apt-get'] : []
  return run(cmd, [...apt, 'update', '-qq']) && run(cmd, [...apt, 'install', '-y', '-qq', ...packages])
}

function installWithPip() {
  for (const python of ['python3', 'python']) {
    if (spawnSync(python, ['--version']).error) continue
    console.log(`Installing Cython with pip for ${python}`)
    if (run(python, ['-m', 'pip', 'install', '--quiet', 'cython'])) return true
  }
  return false
}
