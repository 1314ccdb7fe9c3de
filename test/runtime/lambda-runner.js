// Stands in for the Lambda Node.js runtime: loads a bundle the way the runtime loads /var/task/index.js and
// invokes its handler once, in this fresh process, with the environment the parent gave it.
//
//   node lambda-runner.js <bundle directory> <event JSON file>
//
// stdout belongs to the handler (what Lambda ships to CloudWatch Logs); the invocation result and the timings
// go to file descriptor 3 as one JSON document.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const [bundleDirectory, eventFile] = process.argv.slice(2);
const startedAt = performance.now();

async function main() {
  const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
  const [moduleName, handlerName] = process.env._HANDLER.split('.');
  const handler = require(path.join(bundleDirectory, `${moduleName}.js`))[handlerName];
  const loadedAt = performance.now();
  const deadline = Date.now() + Number(process.env.RUNNER_TIMEOUT_MS ?? 30000);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: process.env.RUNNER_AWS_REQUEST_ID,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  let outcome;
  try {
    outcome = { result: await handler(event, context) };
  } catch (error) {
    outcome = { error: { name: error.name, message: error.message } };
  }
  const respondedAt = performance.now();
  fs.writeSync(
    3,
    JSON.stringify({
      ...outcome,
      timings: {
        // performance.now() counts from the start of this process, so respondedAt includes Node's own boot.
        processStartToResponseMs: respondedAt,
        loadAndFirstInvocationMs: respondedAt - startedAt,
        loadMs: loadedAt - startedAt,
      },
    }),
  );
}

main().then(
  // Lambda freezes the environment here; exit instead, once the X-Ray SDK's UDP datagrams have left, rather than
  // wait for the SDK's idle keep-alive sockets.
  () => setTimeout(() => process.exit(0), 100),
  (error) => {
    process.stderr.write(`runner failed: ${error.stack}\n`);
    process.exit(1);
  },
);
