/** What the figures were measured on: machine and tool versions. */
import os from 'node:os'

import { runSync } from './measure.mjs'

const VERSIONS = String.raw`
import json, platform, sys, sysconfig
import setuptools, Cython
print(json.dumps({
    "python": platform.python_version(),
    "executable": sys.executable,
    "cython": Cython.__version__,
    "setuptools": setuptools.__version__,
    "cc": sysconfig.get_config_var("CC") or "cc",
    "cflags": sysconfig.get_config_var("CFLAGS") or "",
}))
`

function firstLine(text) {
  return text.trim().split('\n')[0] ?? ''
}

export function machineFacts() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    logicalCpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os
      .loadavg()
      .map(x => x.toFixed(2))
      .join(' '),
  }
}

export function toolVersions(python) {
  const r = runSync(python, ['-c', VERSIONS])
  if (!r.ok) throw new Error(`${python}: could not read Python/Cython versions: ${firstLine(r.stderr)}`)
  const v = JSON.parse(r.stdout)
  const compiler = v.cc.split(/\s+/)[0]
  const cc = runSync(compiler, ['--version'])
  return { node: process.version, ...v, compilerVersion: cc.ok ? firstLine(cc.stdout) : `${compiler}: unknown` }
}
