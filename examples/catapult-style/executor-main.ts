/**
 * The Java README's `ExecutorMain`.
 *
 * What changed for the better: `runMain` turns SIGTERM into a clean kill,
 * waits for the agent to acknowledge the final update before exiting, and
 * exits with a code that says why (Java's `driver.stop()` could race the
 * final update).
 */
// The executor SDK alone: an executor starts without loading the scheduler side.
import { MesosApplicationFrameworkExecutor, runMain } from '../../src/executor';
import { MyExecutableApp } from './my-executable-app';

runMain(new MesosApplicationFrameworkExecutor(new MyExecutableApp()));
