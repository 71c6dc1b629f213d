import { run } from './action/run-main.js'

void run()
