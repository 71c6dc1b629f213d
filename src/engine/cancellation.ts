import { ChildRegistry } from '../pool/process-tree.js'

export interface Cancellation {
  signal: AbortSignal
  registry: ChildRegistry
  dispose(): void
}

/**
 * A cancelled step gets SIGINT (then SIGTERM 7.5 s later, then a kill): its children are not signalled and would
 * live on, so on the first signal we stop starting work and end every child tree we started.
 */
export function cancelOnSignals(onCancel: () => void): Cancellation {
  const controller = new AbortController()
  const registry = new ChildRegistry()
  const handler = (): void => {
    if (!controller.signal.aborted) onCancel()
    controller.abort()
    registry.killAll()
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    registry,
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}
