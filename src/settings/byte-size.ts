import { InputError } from '../errors/input-error.js'

/**
 * Sizes as people write them: `1.5GiB`, `800MiB`, `2G`, `512m`, `1024K`, `2 GiB`, or plain bytes.
 * K, M, G and T are binary multiples (1024-based) with or without the `i` and the `B`, as GitHub's runner
 * specs ("16 GB" of RAM means GiB) and Docker's `--memory 2g` read them: a user copying a figure from either
 * gets what they meant, and a memory budget never comes out larger than intended.
 */
const MULTIPLIERS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

const SIZE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])i?b?|b)?$/i

export function parseByteSize(text: string, inputName: string): number {
  const match = SIZE.exec(text.trim())
  const bytes = match ? Math.floor(Number(match[1]) * MULTIPLIERS[(match[2] ?? '').toLowerCase()]) : NaN
  // A fraction of a byte would become 0 and be reported as "0", not as what was written.
  const belowOneByte = bytes === 0 && Number(match?.[1]) > 0
  if (!Number.isSafeInteger(bytes) || belowOneByte) {
    throw new InputError(
      `Invalid ${inputName} "${text}": expected a size such as 2GiB, 1.5GiB, 800MiB or a number of bytes${belowOneByte ? ' (this is less than one byte)' : ''}`,
    )
  }
  return bytes
}

/** Up to EiB: a detected or given size (a cgroup's "no limit", 2^63) then prints as `8 EiB`, not `1e+21`-like. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']

/** `15.6 GiB`, `800 MiB`, `2 GiB`, `512 B`: one decimal at most, none when it is .0. */
export function formatBytes(n: number): string {
  let value = n
  let unit = 0
  while (unit < UNITS.length - 1 && Math.abs(Number(value.toFixed(1))) >= 1024) {
    value /= 1024
    unit++
  }
  const shown = unit === 0 ? String(Math.round(value)) : String(Number(value.toFixed(1)))
  return `${shown} ${UNITS[unit]}`
}
