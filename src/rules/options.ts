// Option schemas shared by several rules.
import { z } from '../zod.js';

/** Text that is not empty. */
export const nonEmptyText = z.string().check(z.minLength(1));

/** Every per-issue rule accepts `ignore-labels`: issues with one of these labels (globs) are not checked by it. */
export const ignoreLabels = z._default(z.array(nonEmptyText), []);
