// zod as every schema of the project uses it: `zod/mini` (functional API: `z.optional(s)`,
// `s.check(...)`; classic zod's method-per-schema API cost ~7 ms more CPU and ~45 KB more
// bundle per start), with English messages. zod/mini loads no locale ("Invalid input" for
// every issue) and config and baseline errors quote zod's messages: set here, where `z` comes
// from, so no schema module depends on another having been imported first.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };

/**
 * `schema` with a description for the generated JSON Schema: a described clone, as classic
 * zod's `.describe()` makes (the schema itself may be shared, e.g. `text`).
 */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const clone = schema.clone();
  z.globalRegistry.add(clone, { description });
  return clone;
}
