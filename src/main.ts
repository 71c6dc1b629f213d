import { run } from './action/run-main.js'

// An abandoned cache request (a stalled service) keeps retrying and would keep Node, and so the step, alive after
// the work is done. End once run() has written everything, as the toolkit's own actions do; the exit code is the
// one run() set (core.setFailed sets process.exitCode). The write callback waits for stdout to drain first.
void run().then(() => process.stdout.write('', () => process.exit()))
