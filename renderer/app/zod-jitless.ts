// Imported first by main.tsx, before shared/api/contract builds its schemas. zod 4 probes for
// `Function('')` to decide on its JIT; our CSP (script-src 'self', no 'unsafe-eval') refuses that and
// every probe is logged as a CSP violation. jitless skips the probe; the renderer parses little.
import { z } from 'zod';

z.config({ jitless: true });
