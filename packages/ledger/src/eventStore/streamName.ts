/**
 * Stream names follow the `category-id` convention (Emmett, EventStoreDB): everything before the
 * first `-` is the category, the rest is the entity id (which may itself contain dashes).
 */
import { InvalidArgumentError } from './errors.js';

/** Longest stream name every adapter must accept. */
export const maxStreamNameLength = 512;

/** True for a name any store accepts: a non-empty string of at most {@link maxStreamNameLength} characters. */
export const isValidStreamName = (name: unknown): name is string =>
  typeof name === 'string' && name.length > 0 && name.length <= maxStreamNameLength;

/** Builds `category-id`; the category must be non-empty and dash-free, the id non-empty. */
export const streamName = (category: string, id: string): string => {
  if (category.length === 0 || category.includes('-')) {
    throw new InvalidArgumentError('$.category', `expected a non-empty category without "-", got ${JSON.stringify(category)}`);
  }
  if (id.length === 0) throw new InvalidArgumentError('$.id', 'expected a non-empty id');
  const name = `${category}-${id}`;
  if (!isValidStreamName(name)) throw new InvalidArgumentError('$.id', `stream name longer than ${maxStreamNameLength} characters`);
  return name;
};

/** Splits `category-id`; `undefined` when the name has no dash or an empty part. */
export const parseStreamName = (name: string): { readonly category: string; readonly id: string } | undefined => {
  const dash = name.indexOf('-');
  if (dash <= 0 || dash === name.length - 1) return undefined;
  return { category: name.slice(0, dash), id: name.slice(dash + 1) };
};

/** The category of a stream name: the part before the first `-`, or the whole name without one. */
export const streamCategory = (name: string): string => {
  const dash = name.indexOf('-');
  return dash < 0 ? name : name.slice(0, dash);
};
