// Before the end-to-end tests: say plainly what is missing instead of a Playwright stack.
import { accessSync, constants } from 'node:fs';
const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(`The end-to-end tests drive Debian's Chromium at ${path}, which is not installed.
Install it with:  apt-get update && apt-get install -y chromium
(.ci/run does this for you), or set CHROMIUM_PATH to another Chromium.`);
  process.exit(1);
}
