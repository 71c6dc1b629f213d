import * as fs from 'node:fs/promises'
import * as path from 'node:path'

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
    const temp = `${to}.${process.pid}.${Date.now()}.tmp`
    try {
      await fs.copyFile(from, temp)
      await fs.rename(temp, to)
    } finally {
      await fs.rm(temp, { force: true })
    }
    await fs.rm(from, { force: true })
  }
}
