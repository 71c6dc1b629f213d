/**
 * The comment lines of a source's leading comment block, each without its `#` and trimmed: where Cython reads
 * `# distutils:` lines (DistutilsInfo). Blank lines are skipped; the first code line ends the block. Line by line,
 * so a big source is never split whole.
 */
export function leadingCommentLines(text: string): string[] {
  const comments: string[] = []
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const line = text.slice(start, end).trim()
    start = end + 1
    if (line === '') continue
    if (!line.startsWith('#')) break
    comments.push(line.slice(1).trim())
  }
  return comments
}
