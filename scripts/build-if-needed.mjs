// `npm start` builds first only when it must: when dist/ lacks the CLI or the web app, or a
// source file (src/, web/, the grammar) is newer than the last build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const outputs = ['dist/cli/main.js', 'dist/web/index.html'];
const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
};
const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
const sources = Math.max(newest('src'), newest('web'), statSync('package.json').mtimeMs);
if (built < sources) {
  console.log('casus: building (tsc, then the web app)...');
  execSync('npm run build --silent', { stdio: 'inherit' });
}
