import { run } from './action/run-post.js'

// The cache client's HTTP agents keep Node alive after saving; end the step once run() is done (as actions/cache does).
void run().then(() => process.exit(0))
