import { run } from './action/run-post.js'

void run()
