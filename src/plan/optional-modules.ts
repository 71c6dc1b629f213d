/** Module-name patterns of the `optional` input: `*` matches any run of characters, the rest is literal. */
export function isOptionalModule(name: string, patterns: string[]): boolean {
  return patterns.some(p => new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`).test(name))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
