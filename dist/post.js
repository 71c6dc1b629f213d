import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);
import {
  saveToGitHub
} from "./chunks/chunk-CKCGKBIA.js";
import {
  errorText,
  warning
} from "./chunks/chunk-OCOPXFOH.js";

// src/action/run-post.ts
async function run() {
  try {
    await saveToGitHub();
  } catch (err) {
    warning(`Compile cache not saved: ${errorText(err)}`);
  }
}

// src/post.ts
void run().then(() => process.exit(0));
