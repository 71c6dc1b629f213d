import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'

/**
 * Replaces `target` in one step: `fill` writes a temporary file beside it (same dir, so the rename never crosses file
 * systems), which is then renamed over it. A reader sees the old file or the new one, never half of one. On any
 * failure the temporary file is removed and the error passed on.
 */
export async function replaceAtomically(target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    await fill(temp)
    await fs.rename(temp, target)
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw err
  }
}

/** Writes `data` to `file` through `replaceAtomically`; with `mode`, exactly those permission bits (not the umask's). */
export async function writeFileAtomically(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  await replaceAtomically(file, async temp => {
    await fs.writeFile(temp, data, mode === undefined ? {} : { mode })
    if (mode !== undefined) await fs.chmod(temp, mode) // writeFile's mode is masked by the umask
  })
}
