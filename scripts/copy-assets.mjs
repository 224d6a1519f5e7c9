// Puts next to the compiled modules what they read at run time: the grammar (the language's
// specification) and its precompiled recipe, which loads in milliseconds where compiling the
// grammar source takes a noticeable part of the CLI's start-up. Marks the CLI executable.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as ohm from 'ohm-js';

mkdirSync('dist/language', { recursive: true });
const source = readFileSync('src/language/casus.ohm', 'utf8');
copyFileSync('src/language/casus.ohm', 'dist/language/casus.ohm');
writeFileSync('dist/language/casus.recipe.json', ohm.grammar(source).toRecipe());
chmodSync('dist/cli/main.js', 0o755);
