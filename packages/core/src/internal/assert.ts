import { AuthError } from '../errors.ts';
import { DEV } from '#dev';

/**
 * Small parse helpers for network data. Each one checks one field and throws an
 * `AuthError('invalid_response')` (or the code given) whose message names the field
 * path, e.g. "token response: expires_in must be a number" (in production builds only the path:
 * "token response: expires_in").
 */

/** A plain JSON object read from the network. */
export type JsonObject = { readonly [key: string]: unknown };

/** True when `value` is a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws unless `value` is a JSON object. */
export function assertObject(value: unknown, path: string, code = 'invalid_response'): JsonObject {
  if (!isObject(value)) throw new AuthError(code, DEV ? `${path} must be a JSON object` : path);
  return value;
}

/** Throws unless `value` is a non-empty string. */
export function assertString(value: unknown, path: string, code = 'invalid_response'): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AuthError(code, DEV ? `${path} must be a non-empty string` : path);
  }
  return value;
}

/** Returns undefined for a missing field, otherwise the checked string. */
export function optionalString(value: unknown, path: string, code = 'invalid_response'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AuthError(code, DEV ? `${path} must be a string when present` : path);
  return value;
}

/** Throws unless `value` is a finite number (or, when `acceptNumericString`, a string of digits). */
export function assertNumber(
  value: unknown,
  path: string,
  { acceptNumericString = false, code = 'invalid_response' }: { acceptNumericString?: boolean; code?: string } = {},
): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (acceptNumericString && typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  throw new AuthError(code, DEV ? `${path} must be a number` : path);
}

/** Returns undefined for a missing field, otherwise an array of strings. */
export function optionalStringArray(value: unknown, path: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new AuthError('invalid_response', DEV ? `${path} must be an array of strings when present` : path);
  }
  return value;
}
