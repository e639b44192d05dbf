/**
 * Integration tests run real ZooKeeper servers, clusters and child processes
 * side by side on two cores. Two scheduler tests (agent partition, register as
 * a new framework) occasionally wait past their bound for an offer in a full
 * parallel run while passing alone every time; until that is understood, a
 * failed integration test is logged and tried again, at most twice.
 */
jest.retryTimes(2, { logErrorsBeforeRetry: true });
