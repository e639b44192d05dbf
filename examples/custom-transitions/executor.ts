/** The custom-transitions executor: `node dist/examples/custom-transitions/executor.js`. */
// The executor SDK alone: an executor starts without loading the scheduler side.
import { MesosApplicationFrameworkExecutor, runMain } from '../../src/executor';
import { HealthReportingApp } from './health-reporting-app';

runMain(new MesosApplicationFrameworkExecutor(new HealthReportingApp()));
