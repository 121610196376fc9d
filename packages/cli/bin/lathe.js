#!/usr/bin/env node
import { main } from '../dist/main.js';

const code = await main(process.argv.slice(2));
// Ends the process once the output is flushed, instead of when the event loop drains: an idle
// keep-alive connection to the server would otherwise hold every command ~100 ms longer.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
