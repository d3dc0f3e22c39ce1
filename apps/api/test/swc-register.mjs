// `node --import ./test/swc-register.mjs src/worker.ts`: runs the API's TypeScript in a child
// process the way Vitest does (SWC, with the decorator metadata Nest's DI needs), so a test can
// kill a real worker process with SIGKILL. Test-only: production runs the compiled dist/.
import { register } from 'node:module';

register('./swc-hooks.mjs', import.meta.url);
