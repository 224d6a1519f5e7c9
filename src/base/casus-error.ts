import type { Span } from '../language/ast.js';
import { MAX_REPORTED_ERRORS } from './limits.js';

/** Stable codes of every input error casus reports (file, line, field, what to do). */
export type CasusErrorCode =
  | 'treaty.syntax'
  | 'treaty.front-matter'
  | 'treaty.unknown-reference'
  | 'treaty.unknown-event-type'
  | 'treaty.unknown-field'
  | 'treaty.unbound-variable'
  | 'treaty.duplicate'
  | 'treaty.unknown-state'
  | 'treaty.invalid'
  | 'treaty.uncited'
  | 'scenario.syntax'
  | 'scenario.invalid'
  | 'scenario.unknown-field'
  | 'scenario.missing-field'
  | 'scenario.unknown-state'
  | 'scenario.unknown-treaty'
  | 'scenario.unknown-event-type'
  | 'scenario.bad-date'
  | 'scenario.too-large'
  | 'treaty.too-large'
  | 'input.too-large'
  | 'input.not-found'
  | 'input.unknown-norm'
  | 'input.unknown-treaty'
  | 'input.bad-date'
  | 'input.unknown-state'
  | 'input.missing-option'
  | 'input.bad-option'
  | 'input.too-many-errors';

/** Bad input as data: a stable code, a message that says what to do, and where it stands. */
export class CasusError extends Error {
  readonly code: CasusErrorCode;
  readonly span?: Span;
  /** The offending field, for scenario input (`events[0].by`). */
  readonly field?: string;

  constructor(code: CasusErrorCode, message: string, span?: Span, field?: string) {
    super(message);
    this.name = 'CasusError';
    this.code = code;
    if (span) this.span = span;
    if (field) this.field = field;
  }

  /** The JSON shape shared by the CLI (`--json`) and, later, the HTTP API. */
  toJSON(): { code: string; message: string; span?: Span; field?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.span ? { span: this.span } : {}),
      ...(this.field ? { field: this.field } : {}),
    };
  }
}

/** Several input errors found in one pass; nothing of the input is evaluated. */
export class CasusErrors extends Error {
  readonly errors: CasusError[];
  /** At most MAX_REPORTED_ERRORS of `errors`, then one that counts the rest, where the first of them stands. */
  constructor(errors: CasusError[]) {
    const listed =
      errors.length <= MAX_REPORTED_ERRORS
        ? errors
        : [
            ...errors.slice(0, MAX_REPORTED_ERRORS),
            new CasusError(
              'input.too-many-errors',
              `and ${(errors.length - MAX_REPORTED_ERRORS).toLocaleString('en-US')} more errors from here: casus lists at most ${MAX_REPORTED_ERRORS} (MAX_REPORTED_ERRORS); fix these first`,
              // Where the first error not listed stands.
              errors.slice(MAX_REPORTED_ERRORS).find((e) => e.span)?.span ?? [...errors].reverse().find((e) => e.span)?.span,
            ),
          ];
    super(listed.map(formatError).join('\n'));
    this.name = 'CasusErrors';
    this.errors = listed;
  }
}

/** Prints an error like ohm does: `file:line:col  message`. */
export function formatError(error: CasusError): string {
  const where = error.span ? `${error.span.file}:${error.span.line}:${error.span.column}  ` : '';
  const field = error.field ? `${error.field}: ` : '';
  return `${where}${field}${error.message}`;
}

/** All the CasusErrors an exception carries, or none if it is not an input error. */
export function inputErrors(e: unknown): CasusError[] {
  if (e instanceof CasusErrors) return e.errors;
  if (e instanceof CasusError) return [e];
  return [];
}
