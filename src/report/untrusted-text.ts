import { randomBytes } from 'node:crypto'

/**
 * Text we did not write (build output, file and module names, compiler banners) printed where the GitHub runner
 * reads workflow commands. The runner obeys `::cmd::` at the start of a line (after whitespace it trims) and the
 * older `##[cmd]` anywhere in a line; a `::stop-commands::` from a .pyx would silence every later annotation.
 * The documented defence is to bracket such text with `::stop-commands::<fresh token>` ... `::<token>::`.
 */

/** Conservative on purpose: any `::` or `##[` anywhere, whatever the runner's notion of a line or of whitespace. */
export function mayHoldCommands(text: string): boolean {
  return text.includes('::') || text.includes('##[')
}

/** A token the text cannot contain, so nothing inside the bracket can resume command processing early. */
export function freshToken(text: string): string {
  for (;;) {
    const token = `cf-${randomBytes(16).toString('hex')}`
    if (!text.includes(token)) return token
  }
}

/** The text between a stop-commands line and its resume line; the runner takes nothing inside as a command. */
export function bracketUntrusted(text: string, token = freshToken(text)): string {
  return `::stop-commands::${token}\n${text}\n::${token}::`
}

/** As is when no part of it can be read as a command; bracketed otherwise (a final newline stays final). */
export function runnerSafe(text: string): string {
  if (!mayHoldCommands(text)) return text
  return text.endsWith('\n') ? `${bracketUntrusted(text.slice(0, -1))}\n` : bracketUntrusted(text)
}

/**
 * Pretty-printed JSON for the runner's stdout, still valid JSON with the same value. No line of it can start with
 * `::` (each starts with indentation and a quote or bracket); the old `##[` form, which counts anywhere in a line,
 * is broken up with a JSON escape (`#\u0023[` parses back to `##[`).
 */
export function runnerSafeJson(json: string): string {
  return json.replace(/##\[/g, '#\\u0023[')
}
