// Copies the non-TypeScript files the built package reads at run time (the grammar)
// next to the compiled modules, and marks the CLI entry point executable.
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist/language', { recursive: true });
copyFileSync('src/language/casus.ohm', 'dist/language/casus.ohm');
chmodSync('dist/cli/main.js', 0o755);
