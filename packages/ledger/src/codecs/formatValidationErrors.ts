/**
 * A reporter that turns io-ts errors into `path: reason` lines such as
 * `$.data.transfers[3].amount: expected decimal string, got 12.5`.
 */
import type * as t from 'io-ts';
import { omittedCount } from './boundedErrors.js';
import { MAX_REPORTED_ISSUES } from '../limits.js';

/** One reason a value failed its schema, at a JSON path such as `$.data.transfers[3].amount`. */
export interface DecodeIssue {
  readonly path: string;
  readonly reason: string;
}

/** Most issues reported for one value; the rest are summed up in a last `and N more issues`. */
export { MAX_REPORTED_ISSUES };

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Tags of io-ts combinators whose context keys are member indexes, not data keys. */
const transparentTags = new Set(['UnionType', 'IntersectionType']);

const tagOf = (entry: t.ContextEntry | undefined): string | undefined =>
  (entry?.type as { _tag?: string } | undefined)?._tag;

/** A short, safe rendering of an offending value for error messages. */
export const describeValue = (value: unknown): string => {
  switch (typeof value) {
    case 'string': {
      const json = JSON.stringify(value);
      return json.length > 64 ? `${json.slice(0, 60)}…"` : json;
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      const proto = Object.getPrototypeOf(value) as object | null;
      if (proto === null || proto === Object.prototype) return 'an object';
      const name = (proto as { constructor?: { name?: string } }).constructor?.name;
      return name ? `a ${name}` : 'an object';
    }
  }
  return 'an unknown value';
};

/** Appends one context key to a JSON path: `.name`, `["odd key"]` or `[3]` for array items. */
const appendKey = (path: string, key: string, parent: t.ContextEntry): string => {
  if (Array.isArray(parent.actual)) return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
};

/** JSON path of the context's prefix `context[0..end)`. */
const pathOf = (context: t.Context, end: number, root: string): string => {
  let path = root;
  for (let i = 1; i < end; i++) {
    const entry = context[i];
    const parent = context[i - 1];
    if (entry === undefined || parent === undefined) continue;
    if (entry.key === '' || transparentTags.has(tagOf(parent) ?? '')) continue;
    path = appendKey(path, entry.key, parent);
  }
  return path;
};

/** `expected X, got Y`, or `missing, expected X` when the value is an absent object field. */
const expectation = (expected: string, value: unknown, entry: t.ContextEntry | undefined, parent: t.ContextEntry | undefined): string => {
  const missing =
    value === undefined &&
    entry !== undefined &&
    typeof parent?.actual === 'object' &&
    parent.actual !== null &&
    !Array.isArray(parent.actual) &&
    !Object.prototype.hasOwnProperty.call(parent.actual, entry.key);
  return missing ? `missing, expected ${expected}` : `expected ${expected}, got ${describeValue(value)}`;
};

const reasonOf = (error: t.ValidationError): string => {
  if (error.message !== undefined) return error.message;
  const last = error.context[error.context.length - 1];
  return expectation(last?.type.name ?? 'a valid value', error.value, last, error.context[error.context.length - 2]);
};

/**
 * Turns io-ts errors into distinct issues, each with a JSON path from `root` (default `$`).
 * When no member of a union matches even structurally, the union is reported as one issue;
 * otherwise only the members that got furthest are reported. At most {@link MAX_REPORTED_ISSUES}
 * are listed, then one `and N more issues` (iterative and bounded, whatever the number of errors).
 */
export const validationIssues = (errors: t.Errors, root = '$'): DecodeIssue[] => {
  const unionDepth = (error: t.ValidationError): number =>
    error.context.findIndex((entry) => tagOf(entry) === 'UnionType');
  // Group errors under their outermost union, to collapse "no member matched" noise.
  const groupKey = (error: t.ValidationError): string | undefined => {
    const depth = unionDepth(error);
    return depth < 0 ? undefined : `${depth}:${pathOf(error.context, depth + 1, root)}`;
  };
  const groups = new Map<string, t.ValidationError[]>();
  for (const error of errors) {
    const key = groupKey(error);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [error]);
    else group.push(error);
  }
  const issues: DecodeIssue[] = [];
  const seen = new Set<string>();
  // Issues past the limit, and errors that nested collectors left out (see boundedErrors.ts).
  let more = 0;
  const push = (issue: DecodeIssue): void => {
    const key = `${issue.path}\u0000${issue.reason}`;
    if (seen.has(key)) return;
    if (issues.length >= MAX_REPORTED_ISSUES) {
      more++;
      return;
    }
    seen.add(key);
    issues.push(issue);
  };
  const pushError = (error: t.ValidationError): void =>
    push({ path: pathOf(error.context, error.context.length, root), reason: reasonOf(error) });
  const reported = new Set<string>();
  for (const error of errors) {
    const omitted = omittedCount(error);
    if (omitted !== undefined) {
      more += omitted;
      continue;
    }
    const key = groupKey(error);
    if (key === undefined) {
      pushError(error);
      continue;
    }
    if (reported.has(key)) continue;
    reported.add(key);
    const group = groups.get(key) ?? [error];
    const depth = unionDepth(error);
    const deeper = group.filter((member) => member.context.length > depth + 2);
    if (deeper.length > 0) {
      deeper.forEach(pushError);
      continue;
    }
    const union = error.context[depth];
    push({
      path: pathOf(error.context, depth + 1, root),
      reason: expectation(union?.type.name ?? 'a union member', union?.actual, union, error.context[depth - 1]),
    });
  }
  if (more > 0) issues.push({ path: root, reason: `and ${more} more issues` });
  return issues;
};

/** Renders io-ts errors as `path: reason` lines joined by `; `. */
export const formatValidationErrors = (errors: t.Errors, root = '$'): string =>
  validationIssues(errors, root)
    .map((issue) => `${issue.path}: ${issue.reason}`)
    .join('; ');
