/**
 * A module's output, kept whole up to a limit and then as head and tail: a runaway compiler printing megabytes of
 * warnings must not exhaust memory, and the first error and the last lines are what a reader needs.
 */
export class OutputCapture {
  private head = ''
  private tail = ''
  private dropped = 0

  constructor(private readonly limit = 256 * 1024) {}

  append(text: string): void {
    if (this.head.length < this.limit) {
      const room = this.limit - this.head.length
      this.head += text.slice(0, room)
      text = text.slice(room)
    }
    if (text === '') return
    this.tail += text
    if (this.tail.length > this.limit) {
      this.dropped += this.tail.length - this.limit
      this.tail = this.tail.slice(-this.limit)
    }
  }

  text(): string {
    if (this.dropped === 0) return this.head + this.tail
    return `${this.head}\n[... ${this.dropped} characters of output omitted ...]\n${this.tail}`
  }
}
