// Option schemas shared by several rules, and the zod set-up every schema of the project
// shares. The project uses `zod/mini` (functional API: `z.optional(s)`, `s.check(...)`):
// classic zod's method-per-schema API cost ~7 ms more CPU and ~45 KB more bundle per start.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini loads no locale ("Invalid input" for every issue); classic zod loads English.
// The baseline file's errors quote zod's messages, so keep classic's English ones.
z.config(en());

/**
 * `schema` with a description for the generated JSON Schema: a described clone, as classic
 * zod's `.describe()` makes (the schema itself may be shared, e.g. `text`).
 */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const clone = schema.clone();
  z.globalRegistry.add(clone, { description });
  return clone;
}

/** Text that is not empty. */
export const nonEmptyText = z.string().check(z.minLength(1));

/** Every per-issue rule accepts `ignore-labels`: issues with one of these labels (globs) are not checked by it. */
export const ignoreLabels = z._default(z.array(nonEmptyText), []);
