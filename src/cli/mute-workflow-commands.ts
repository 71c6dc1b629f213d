/**
 * The toolkit packages (@actions/glob, @actions/cache) log through @actions/core, which writes `::debug::` workflow
 * commands to stdout. Outside a runner they are noise, and they would corrupt `--dry-run` JSON on stdout, so the
 * local command drops them; anything else passes through untouched.
 */
export function muteWorkflowCommands(stream: NodeJS.WriteStream = process.stdout): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string' && chunk.startsWith('::debug::')) return true
    return write(chunk, ...rest)
  }) as typeof stream.write
}
