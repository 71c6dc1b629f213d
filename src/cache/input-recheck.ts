import * as fs from 'node:fs'

import { sha256Hex } from './fingerprint.js'

/** One input of a module as fingerprinted at planning: what it is called in the key, where it is, its hash then. */
export interface HashedInput {
  key: string
  path: string
  sha256: string
}

/**
 * The key of the first input whose content is no longer what was fingerprinted (edited, or gone), else undefined.
 * Run after the module is built: the compilers read the files later than the planner hashed them, so a file edited
 * in between was built from other bytes than its key says, and that build must not be stored under the key (the
 * check ccache and Bazel make). An edit undone before this check is not seen: see the README.
 */
export async function changedInput(
  inputs: HashedInput[],
  read: (file: string) => Buffer | Promise<Buffer> = readNow,
): Promise<string | undefined> {
  for (const input of inputs) {
    const bytes = await Promise.resolve()
      .then(() => read(input.path))
      .catch(() => undefined)
    if (bytes === undefined || sha256Hex(bytes) !== input.sha256) return input.key
  }
  return undefined
}

/**
 * Inputs are small source files: a synchronous read costs about 0.05 ms each, the promise API about 1 ms under load
 * (measured on 2,000 files here, 14 processes on 2 cores), and this runs once per built module.
 */
function readNow(file: string): Buffer {
  return fs.readFileSync(file)
}
