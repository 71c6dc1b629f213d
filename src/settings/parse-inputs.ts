import { InputError } from '../errors/input-error.js'
import { splitShellWords } from './shell-words.js'

/** Pure parsers for single inputs. Each error names the input and the accepted forms, on one line. */

export function parseJobs(text: string, inputName = 'jobs'): number | 'auto' {
  const value = text.trim().toLowerCase()
  if (value === '' || value === 'auto') return 'auto'
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value)
  throw new InputError(`Invalid ${inputName} "${text}": expected "auto" or a positive whole number such as 4`)
}

export function parseBoolean(text: string, inputName: string, fallback: boolean): boolean {
  const value = text.trim().toLowerCase()
  if (value === '') return fallback
  if (['true', 'yes', '1', 'on'].includes(value)) return true
  if (['false', 'no', '0', 'off'].includes(value)) return false
  throw new InputError(`Invalid ${inputName} "${text}": expected true or false`)
}

/** Newline-separated entries; blank lines and `#` comment lines are ignored. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/** One path per line (paths may contain spaces); a single line may also list paths separated by commas. */
export function parsePathList(text: string): string[] {
  const lines = parseLines(text)
  return lines.length === 1 && lines[0].includes(',')
    ? lines[0]
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    : lines
}

const MACRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `NAME` or `NAME=VALUE`, separated by whitespace or newlines, quoted like shell words. */
export function parseDefines(text: string, inputName = 'define'): Array<[string, string | null]> {
  return splitShellWords(text, inputName).map(word => {
    const eq = word.indexOf('=')
    const name = eq < 0 ? word : word.slice(0, eq)
    if (!MACRO_NAME.test(name)) {
      throw new InputError(
        `Invalid ${inputName} "${word}": expected NAME or NAME=VALUE with a C identifier as NAME, e.g. NPY_NO_DEPRECATED_API=NPY_1_7_API_VERSION`,
      )
    }
    return [name, eq < 0 ? null : word.slice(eq + 1)]
  })
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i
const DURATION_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Node's longest timer: a longer delay fires at once (after 1 ms), so every module would time out immediately. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A time limit for a timer: longer limits are capped at MAX_TIMER_MS (24.8 days, beyond any job's life). */
export function parseTimeLimit(text: string, inputName: string): number | null {
  const ms = parseDuration(text, inputName)
  return ms === null ? null : Math.min(ms, MAX_TIMER_MS)
}

/** A duration such as `90`, `90s`, `10m`, `1.5h`; a bare number is seconds. Empty or `none` means no limit. */
export function parseDuration(text: string, inputName: string): number | null {
  const value = text.trim()
  if (value === '' || value.toLowerCase() === 'none') return null
  const match = DURATION.exec(value)
  const ms = match ? Number(match[1]) * DURATION_UNIT[(match[2] ?? 's').toLowerCase()] : NaN
  if (!match || !(ms > 0)) {
    throw new InputError(
      `Invalid ${inputName} "${text}": expected a duration such as 600, 90s, 10m or 1h (a bare number is seconds), or none`,
    )
  }
  return ms
}

export function parseChoice<T extends string>(text: string, inputName: string, choices: readonly T[], fallback: T): T {
  const value = text.trim().toLowerCase()
  if (value === '') return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new InputError(`Invalid ${inputName} "${text}": expected one of ${choices.join(', ')}`)
}

/** `I/N`: build part I (1-based) of N; `gather/N`: merge the N shards' stores and build whatever is still missing. */
export type ShardRequest = { kind: 'part'; index: number; count: number } | { kind: 'gather'; count: number }

/** The most shards accepted: far above any matrix a project would run, low enough to catch a typo. */
export const MAX_SHARDS = 256

/** Parses the `shard` input: empty = no sharding. */
export function parseShard(text: string, inputName = 'shard'): ShardRequest | null {
  const value = text.trim().toLowerCase()
  if (value === '') return null
  const part = /^(\d+)\s*\/\s*(\d+)$/.exec(value)
  const gather = /^gather\s*\/\s*(\d+)$/.exec(value)
  const count = Number(part?.[2] ?? gather?.[1])
  const index = Number(part?.[1])
  if (gather && count >= 1 && count <= MAX_SHARDS) return { kind: 'gather', count }
  if (part && count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count) return { kind: 'part', index, count }
  throw new InputError(
    `Invalid ${inputName} "${text}": expected I/N to build part I of N (1 <= I <= N <= ${MAX_SHARDS}, e.g. 2/3), ` +
      'or gather/N to merge the stores of N shards and build what they left (e.g. gather/3), or empty for one job',
  )
}
