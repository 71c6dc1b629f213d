import { InputError } from '../errors/input-error.js'

/**
 * Split a string into words as a POSIX shell would (quotes and backslashes), without any expansion: `$`, backticks,
 * `;`, `|`, globs and the like stay literal, because these arguments are passed to programs directly, never to a shell.
 */
export function splitShellWords(text: string, inputName: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote === "'") {
      if (ch === "'") quote = null
      else word += ch
    } else if (quote === '"') {
      if (ch === '"') quote = null
      else if (ch === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) word += text[++i]
      else word += ch
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      inWord = true
      if (ch === "'" || ch === '"') quote = ch
      else if (ch === '\\' && i + 1 < text.length) word += text[++i]
      else word += ch
    }
  }
  if (quote)
    throw new InputError(
      `Invalid ${inputName}: unclosed ${quote} quote in ${JSON.stringify(text)}; quote words with matching ' or " (the text is split like a shell command line, never run)`,
    )
  if (inWord) words.push(word)
  return words
}
