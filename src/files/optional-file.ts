import { readFile } from 'node:fs/promises'

/** A file's text, or null when it cannot be read (missing, a directory, no permission): for files that may not exist. */
export async function readOptionalText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return null
  }
}
