import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  debug
} from "./chunks/chunk-FLXNIICS.js";

// src/action/run-post.ts
async function run() {
  debug("cython-fanout post: nothing to save");
}

// src/post.ts
void run();
