import * as fs from 'node:fs/promises'
import * as path from 'node:path'

import { replaceAtomically } from '../files/atomic-write.js'

/**
 * Puts a finished file at its destination in one step (rename), so a reader sees the previous file or the new one,
 * never half of one. Across file systems it copies to a temporary name beside the destination first.
 */
export async function moveIntoPlace(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true })
  try {
    await fs.rename(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    await replaceAtomically(to, temp => fs.copyFile(from, temp))
    await fs.rm(from, { force: true })
  }
}
