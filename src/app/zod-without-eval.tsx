"use client";

import { z } from "zod";

// zod 4 probes for eval with `new Function("")` the first time it parses an object in the
// browser. Our Content-Security-Policy (src/proxy.ts) refuses eval, so the probe fails and is
// reported as a violation; zod's interpreted path needs no eval and is fast enough for forms.
z.config({ jitless: true });

/** Rendered once by the root layout so this module runs before any form parses. */
export function ZodWithoutEval() {
  return null;
}
