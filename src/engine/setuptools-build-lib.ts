import * as fs from 'node:fs/promises'
import * as path from 'node:path'

import { replaceAtomically } from '../files/atomic-write.js'
import type { ModuleResult } from '../pool/module-result.js'
import type { Toolchain } from '../toolchain/toolchain.js'

/**
 * Where setuptools (62.1 and later) builds a module before `--inplace` copies it beside the source:
 * `build/lib.<platform>-<cache tag>` next to setup.py. It compares times there, not in place, so a module missing
 * there is compiled again by `setup.py build_ext --inplace` and `pip install -e .`, however new the in-place one is.
 */
export function setuptoolsBuildLib(setupDir: string, toolchain: Pick<Toolchain, 'sysconfigPlatform' | 'cacheTag'>): string {
  return path.join(setupDir, 'build', `lib.${toolchain.sysconfigPlatform}-${toolchain.cacheTag}`)
}

/** Copies every built or cached module into setuptools' build dir (newer than its sources); returns how many. */
export async function placeForSetuptools(results: ModuleResult[], workingDirectory: string, buildLib: string): Promise<number> {
  let placed = 0
  for (const r of results) {
    if (r.status !== 'built' && r.status !== 'cached') continue
    const dest = path.join(buildLib, ...r.module.name.split('.').slice(0, -1), path.basename(r.module.output))
    await fs.mkdir(path.dirname(dest), { recursive: true })
    // The shared atomic replace: a failed copy leaves no temporary file behind in the project's build dir.
    await replaceAtomically(dest, temp => fs.copyFile(path.join(workingDirectory, r.module.output), temp))
    placed++
  }
  return placed
}
