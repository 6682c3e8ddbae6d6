// Option schemas shared by several rules.
import { z } from 'zod';

/** Every per-issue rule accepts `ignore-labels`: issues with one of these labels (globs) are not checked by it. */
export const ignoreLabels = z.array(z.string().min(1)).default([]);
