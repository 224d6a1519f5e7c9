/**
 * The bounds casus puts on every input, one named constant each. Every error that enforces one
 * quotes it ("rules nest at most 200 deep; this one is 5,000 at x.treaty.md:41:3"), and
 * docs/limits.md lists them all. They are far above anything a real treaty or scenario needs.
 */

/** A scenario file (YAML or JSON), in bytes. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** A request body of the HTTP API, in bytes: room for a scenario file of MAX_SCENARIO_BYTES escaped in JSON. */
export const MAX_BODY_BYTES = 2 * MAX_SCENARIO_BYTES;
/** A treaty file (literate Markdown), in bytes. */
export const MAX_TREATY_BYTES = 1024 * 1024;
/** Any other file the CLI reads (a compliance file, a CSV of ATOP or COW), in bytes. */
export const MAX_DATA_BYTES = 256 * 1024 * 1024;
/**
 * Events in one scenario. Set by the engine's speed today, which grows faster than the timeline
 * (400 random events take seconds, 1,000 about a minute): issue 15 makes evaluation linear and lifts it.
 */
export const MAX_EVENTS = 1_000;
/** Expectations in one scenario. */
export const MAX_EXPECTATIONS = 5_000;
/** How deep brackets and braces nest in a YAML or JSON document. */
export const MAX_YAML_DEPTH = 64;
/** How many times aliases (`*name`) may be expanded in one YAML document. */
export const MAX_YAML_ALIASES = 100;
/** How deep a rule nests (parentheses, braces, and a chain of `not`). */
export const MAX_RULE_DEPTH = 64;
/** Operators (and, or, implies, not) in one rule block: each chains one level deeper in the parsed rule. */
export const MAX_RULE_OPERATORS = 250;
/** One ```casus block, in bytes (the grammar's parse time grows with it). */
export const MAX_RULE_BLOCK_BYTES = 16 * 1024;
/** All the ```casus blocks of one treaty file together, in bytes. */
export const MAX_TREATY_RULE_BYTES = 24 * 1024;
/** The length of a name in a rule or a front matter: a slug, a norm, a condition, a variable. */
export const MAX_NAME_LENGTH = 200;
/** The length of one line of a treaty file. */
export const MAX_LINE_LENGTH = 20_000;
/** Treaty files in one library: its folder and every --with file and folder together (the ATOP import writes about 800). */
export const MAX_TREATY_FILES = 5_000;
/**
 * Errors reported for one input. A damaged file can give thousands (the YAML parser reports every
 * stray character); past this many the rest are counted, not listed.
 */
export const MAX_REPORTED_ERRORS = 100;

/** A size in words a reader takes in: `4 MB`, `512 KB`, `900 bytes`. */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

/** A count with thousands separated, as errors print it: `5,000`. */
export function countText(n: number): string {
  return n.toLocaleString('en-GB');
}
