import { configFromEnv, startServer } from '@lathe/server';
import { toyChainKind } from './toy-chain-kind.js';

// A server process with the test-only `toy_chain` job kind, configured from the environment like
// `lathe server start`, for tests that kill it.
const server = await startServer(configFromEnv(), { kinds: [toyChainKind] });
process.stdout.write(`Lathe is running at ${server.url}\n`);
