// A consumer's CDK app, written against the installed package exactly as a user would (plain JavaScript).
const { App, Stack } = require('aws-cdk-lib');
const sqs = require('aws-cdk-lib/aws-sqs');
const wa = require('cdk-well-architected');

const app = new App();
const stack = new Stack(app, 'ConsumerStack');
new sqs.Queue(stack, 'Queue');
if (Object.keys(wa).length === 0) {
  throw new Error('cdk-well-architected exported nothing');
}
app.synth();
