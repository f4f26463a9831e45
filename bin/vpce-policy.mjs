#!/usr/bin/env node
// Runs the TypeScript sources directly, so the CLI works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`vpce-policy validate *.json | head`) closes the pipe: end quietly
// instead of failing with a stack trace on the next write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../src/cli/main.ts');
const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
};
process.exitCode = await main(process.argv.slice(2), io);
