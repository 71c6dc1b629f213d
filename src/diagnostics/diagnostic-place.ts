import type { Diagnostic } from './diagnostic.js'

/** `file:line:column`, as much of it as is known; empty for a message tied to no file (most link errors). */
export function placeOf(d: Diagnostic): string {
  if (!d.file) return ''
  return [d.file, d.line, d.line !== undefined ? d.column : undefined].filter(p => p !== undefined).join(':')
}

/** `file:line:column: message`, or the bare message when it has no place. */
export function describeDiagnostic(d: Diagnostic): string {
  const place = placeOf(d)
  return place ? `${place}: ${d.message}` : d.message
}
