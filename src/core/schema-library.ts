/**
 * zod, set up for the page's Content-Security-Policy. Unless `jitless` is set, zod compiles object
 * parsers with `new Function` (after probing whether it may), which a policy without
 * 'unsafe-eval' refuses and reports; the plain parsers give the same results. The modules whose
 * schemas are parsed at run time (configuration, requests) import zod from here, so that the
 * setting is made before the first parse.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
