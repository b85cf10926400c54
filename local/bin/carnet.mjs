#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx carnet` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
