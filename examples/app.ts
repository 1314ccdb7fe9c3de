import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

const app = new App();
const stack = new Stack(app, 'OrdersService');
new sqs.Queue(stack, 'Orders');
const assembly = app.synth();
for (const s of assembly.stacks) {
  console.log(`${s.stackName}: ${Object.keys(s.template.Resources ?? {}).length} resources`);
}
