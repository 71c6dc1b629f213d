/** A compiler or Cython message tied to a place in a file. */
export type Severity = 'error' | 'warning' | 'note'
export type DiagnosticTool = 'cython' | 'gcc' | 'clang' | 'msvc' | 'linker'

export interface Diagnostic {
  /** As the tool printed it (relative or absolute); the report makes it repository-relative. */
  file: string
  line?: number
  column?: number
  severity: Severity
  message: string
  tool: DiagnosticTool
  /** Source context the tool printed with the message (Cython's `^` block, gcc's caret lines). */
  context?: string[]
  /** For C errors in Cython-generated code: the C place the message was mapped from. */
  generatedFrom?: { file: string; line: number; column?: number }
}
