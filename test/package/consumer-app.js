// A consumer's CDK app, written against the installed package exactly as a user would (plain JavaScript).
const { App, Stack } = require('aws-cdk-lib');
const sqs = require('aws-cdk-lib/aws-sqs');
const { WellArchitectedChecks, WellArchitectedQueue, ReportFormat } = require('cdk-well-architected');

const app = new App();
const stack = new Stack(app, 'ConsumerStack');
new WellArchitectedQueue(stack, 'Orders');
// A plain queue, so the checks have something to report.
new sqs.Queue(stack, 'Plain');
WellArchitectedChecks.applyTo(app, { reportFormats: [ReportFormat.JSON] });
app.synth();
