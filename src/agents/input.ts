import { UserFacingError } from '../core/errors.js';

/** A hook's stdin was not what the host documents: the stop is answered "not verified", never passed. */
export class BadHookInput extends UserFacingError {}

export type Json = Record<string, unknown>;

/** Parses the host's stdin: one JSON object, or a BadHookInput naming what was wrong. */
export function parseHookInput(text: string, host: string, event: string): Json {
  if (text.trim() === '') throw new BadHookInput(`gatekeeper agent-hook ${event} --host ${host}: stdin was empty; expected the JSON object ${host} writes for this hook event.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadHookInput(`gatekeeper agent-hook ${event} --host ${host}: stdin is not JSON (${(error as Error).message}); expected the JSON object ${host} writes for this hook event.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadHookInput(`gatekeeper agent-hook ${event} --host ${host}: stdin is JSON but not an object; expected the JSON object ${host} writes for this hook event.`);
  }
  return value as Json;
}

export function requireString(input: Json, field: string, host: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadHookInput(`the ${host} hook input has no "${field}" (got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60)}); expected a non-empty string, as ${host} documents it.`);
  }
  return value;
}

export function optionalString(input: Json, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function optionalObject(input: Json, field: string): Json | undefined {
  let value = input[field];
  // Some hosts pass tool arguments as a JSON string rather than an object.
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The file paths a tool's arguments name (`file_path`, `path`, `filePath`), in order, once each. */
export function filesOf(toolInput: Json | undefined): string[] {
  if (!toolInput) return [];
  const found = ['file_path', 'path', 'filePath'].map((k) => toolInput[k]).filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(found)];
}

/** A Claude-shaped answer: `{}` allows, and only the fields given are written. */
export function json(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}
