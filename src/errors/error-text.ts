/**
 * The one way to turn a caught value into text: an error's message, anything else as a string. Duck-typed, because
 * errors from another realm (a vm context, as under jest) fail `instanceof Error`.
 */
export function errorText(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(err)
}
