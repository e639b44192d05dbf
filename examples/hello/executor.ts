/**
 * The hello executor's main module: `node dist/examples/hello/executor.js`.
 * The agent starts it with the `MESOS_*` environment for nodes the hello
 * scheduler launches with `--executor`.
 */
import pino from 'pino';
// The executor SDK alone: an executor starts without loading the scheduler side.
import { MesosApplicationFrameworkExecutor, runMain } from '../../src/executor';
import type { Logger } from '../../src';
import { PingPongApp } from './ping-pong-app';

// Executors log to stderr: the agent keeps it in the sandbox next to stdout.
const logger = pino({ level: process.env['HELLO_LOG_LEVEL'] ?? 'info', base: { component: 'hello-executor' } }, pino.destination(2)) as unknown as Logger;
runMain(new MesosApplicationFrameworkExecutor(new PingPongApp(), { logger }), logger);
