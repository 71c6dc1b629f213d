import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  saveToGitHub
} from "./chunks/chunk-XWWSDRNE.js";
import {
  warning
} from "./chunks/chunk-VJG6UICQ.js";

// src/action/run-post.ts
async function run() {
  try {
    await saveToGitHub();
  } catch (err) {
    warning(`Compile cache not saved: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// src/post.ts
void run().then(() => process.exit(0));
