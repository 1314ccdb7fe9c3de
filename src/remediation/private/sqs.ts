import { CfnResource, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { assignProperty, childIdFor, ownerOf, RemediationContext } from './context';
import { CheckedResource } from '../../checks/engine/resource';
import { SqsAgeOfOldestMessageAlarmRule } from '../../checks/rules/sqs/age-alarm';
import { SqsDeadLetterAlarmRule } from '../../checks/rules/sqs/dead-letter-alarm';
import { Answer, deniesInsecureTransport } from '../../checks/rules/sqs/policy-document';
import { deadLetterRoleOf, isFifoQueue, redrivePolicyOf } from '../../checks/rules/sqs/queue-relations';
import {
  failureQueueDepthAlarm,
  failureQueueNewMessagesAlarm,
  FailureQueueKind,
  messageAgeThresholdSeconds,
  queueMessageAgeAlarm,
} from '../../monitoring/private/alarm-factories';
import {
  DEAD_LETTER_QUEUE_RETENTION_SECONDS,
  MAX_RECEIVE_COUNT,
  SQS_DEFAULT_RETENTION_SECONDS,
  SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
} from '../../service-defaults/sqs';

const DEAD_LETTER_RETENTION = Duration.seconds(DEAD_LETTER_QUEUE_RETENTION_SECONDS);

/** Apply the SQS defaults to one `AWS::SQS::Queue`. */
export function remediateQueue(cfn: CfnResource, ctx: RemediationContext): void {
  const queue = ctx.current(cfn);
  if (queue.unresolvedReason) {
    return;
  }
  const settings = ctx.settings;
  if (
    settings.queueEncryption &&
    queue.get('KmsMasterKeyId') === undefined &&
    queue.get('SqsManagedSseEnabled') === undefined
  ) {
    assignProperty(cfn, 'SqsManagedSseEnabled', true);
    ctx.record(cfn, 'set SqsManagedSseEnabled=true (SQS-managed encryption at rest)');
  }
  if (settings.queueTlsOnly) {
    requireTls(cfn, queue, ctx);
  }
  const deadLetterRole = deadLetterRoleOf(queue, ctx.index);
  if (settings.deadLetterQueues && deadLetterRole === undefined && redrivePolicyOf(queue).state === 'absent') {
    addDeadLetterQueue(cfn, queue, ctx);
  }
  if (settings.alarms && deadLetterRole === undefined) {
    addMessageAgeAlarm(cfn, queue, ctx);
  }
  if (settings.alarms && deadLetterRole !== undefined && ctx.violates(new SqsDeadLetterAlarmRule(), queue)) {
    const alarm = deadLetterAlarm(cfn, 'its source queue', ctx);
    ctx.record(cfn, `added alarms on new and waiting messages of this dead-letter queue (${alarm.node.path})`);
  }
}

function tlsStatement(queueArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyInsecureTransport',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['sqs:*'],
    resources: [queueArn],
    conditions: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/**
 * Deny requests without TLS. A queue has one policy: when a queue policy of the stack already names the queue,
 * the statement is added to it (two `AWS::SQS::QueuePolicy` on one queue overwrite each other); otherwise an L2
 * queue gets it through `addToResourcePolicy` and an L1 queue a new queue policy.
 */
function requireTls(cfn: CfnResource, queue: CheckedResource, ctx: RemediationContext): void {
  const policies = ctx.index
    .referencesTo(queue.logicalId, 'AWS::SQS::QueuePolicy')
    .filter((ref) => ref.propertyPath.startsWith('Queues'))
    .map((ref) => ref.source.cfnResource)
    .filter((policy): policy is CfnResource => policy !== undefined);
  const queueArn = cfn.getAtt('Arn').toString();
  for (const policy of policies) {
    const current = ctx.current(policy);
    const document = current.get('PolicyDocument');
    const answer = current.unresolvedReason
      ? Answer.UNKNOWN
      : deniesInsecureTransport(document, ['sqs:SendMessage', 'sqs:ReceiveMessage']);
    if (answer === Answer.YES) {
      return;
    }
    if (answer === Answer.UNKNOWN) {
      ctx.skipped(
        cfn,
        `did not add a TLS-only statement: the document of queue policy ${policy.node.path} is not known at synth time.`,
      );
      return;
    }
  }
  const existing = policies[0];
  if (existing) {
    appendStatement(existing, tlsStatement(queueArn), ctx);
    ctx.record(
      cfn,
      `added a statement denying requests without TLS (aws:SecureTransport=false) to queue policy ${existing.node.path}`,
    );
    return;
  }
  const owner = ownerOf(cfn);
  if (isL2Queue(owner, cfn)) {
    owner.addToResourcePolicy(tlsStatement(queueArn));
  } else {
    ctx.created(
      new sqs.CfnQueuePolicy(owner, childIdFor(cfn, 'TlsOnlyPolicy'), {
        queues: [cfn.ref],
        policyDocument: new iam.PolicyDocument({ statements: [tlsStatement(queueArn)] }),
      }),
    );
  }
  ctx.record(cfn, 'added a queue policy statement denying requests without TLS (aws:SecureTransport=false)');
}

function isL2Queue(owner: any, cfn: CfnResource): owner is sqs.Queue {
  return typeof owner.addToResourcePolicy === 'function' && owner.node.defaultChild === cfn;
}

/** Add a statement to an existing queue policy, keeping every statement it has. */
function appendStatement(policy: CfnResource, statement: iam.PolicyStatement, ctx: RemediationContext): void {
  const owner = policy.node.scope as any;
  if (owner && owner.node.defaultChild === policy && owner.document instanceof iam.PolicyDocument) {
    (owner.document as iam.PolicyDocument).addStatements(statement);
    return;
  }
  const raw = (policy as sqs.CfnQueuePolicy).policyDocument;
  if (raw instanceof iam.PolicyDocument) {
    raw.addStatements(statement);
    return;
  }
  const document = ctx.current(policy).get('PolicyDocument');
  const statements = Array.isArray(document?.Statement)
    ? document.Statement
    : document?.Statement !== undefined
      ? [document.Statement]
      : [];
  assignProperty(policy, 'PolicyDocument', {
    Version: '2012-10-17',
    ...document,
    Statement: [...statements, statement.toStatementJson()],
  });
}

function addDeadLetterQueue(cfn: CfnResource, queue: CheckedResource, ctx: RemediationContext): void {
  const fifo = isFifoQueue(queue);
  if (fifo === undefined) {
    ctx.skipped(
      cfn,
      'did not add a dead-letter queue: FifoQueue is not known at synth time, so its type cannot match.',
    );
    return;
  }
  const deadLetterQueue = ctx.created(
    new sqs.Queue(ownerOf(cfn), childIdFor(cfn, 'DeadLetterQueue'), {
      // A FIFO queue's dead-letter queue must be FIFO too.
      fifo: fifo ? true : undefined,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    }),
  );
  assignProperty(cfn, 'RedrivePolicy', {
    deadLetterTargetArn: deadLetterQueue.queueArn,
    maxReceiveCount: MAX_RECEIVE_COUNT,
  });
  ctx.acknowledgeNag(
    cfn,
    deadLetterQueue,
    'Serverless::Serverless-SQSRedrivePolicy',
    `This queue is the dead-letter queue of ${cfn.node.path}; a dead-letter queue needs no dead-letter queue of its own.`,
  );
  const alarm = ctx.settings.alarms
    ? deadLetterAlarm(deadLetterQueue.node.defaultChild as CfnResource, `SQS queue ${cfn.node.path}`, ctx)
    : undefined;
  ctx.record(
    cfn,
    `set RedrivePolicy to a new ${fifo ? 'FIFO ' : ''}dead-letter queue ${deadLetterQueue.node.path} ` +
      `(maxReceiveCount ${MAX_RECEIVE_COUNT}, ${DEAD_LETTER_RETENTION.toDays()}-day retention, encrypted, TLS-only${alarm ? ', with alarms on new and waiting messages' : ''})`,
  );
}

function deadLetterAlarm(queue: CfnResource, source: string, ctx: RemediationContext): cloudwatch.Alarm {
  const deadLetters = {
    queueName: queue.getAtt('QueueName').toString(),
    kind: FailureQueueKind.DEAD_LETTER_QUEUE,
    owner: source,
  };
  // New dead letters page and return to OK by themselves; the depth is a warning, as on WellArchitectedQueue.
  ctx.addAlarm(queue, 'DeadLetters', (placement) => failureQueueDepthAlarm(placement, deadLetters, 'DeadLetters'));
  return ctx.addAlarm(queue, 'NewDeadLetters', (placement) => failureQueueNewMessagesAlarm(placement, deadLetters));
}

/**
 * An alarm on the age of the oldest message of a work queue, as `WellArchitectedQueue` has: the larger of 15 minutes
 * and twice the visibility timeout, or none when the retention is not longer than that (messages would expire
 * before it fires) or the visibility timeout is not known.
 */
function addMessageAgeAlarm(cfn: CfnResource, queue: CheckedResource, ctx: RemediationContext): void {
  const retention = queue.get('MessageRetentionPeriod') ?? SQS_DEFAULT_RETENTION_SECONDS;
  const visibility = queue.get('VisibilityTimeout') ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
  if (typeof retention !== 'number' || typeof visibility !== 'number') {
    return;
  }
  const threshold = messageAgeThresholdSeconds(visibility);
  if (retention <= threshold || !ctx.violates(new SqsAgeOfOldestMessageAlarmRule(), queue)) {
    return;
  }
  const queueName = cfn.getAtt('QueueName').toString();
  const alarm = ctx.addAlarm(cfn, 'MessageAge', (placement) =>
    queueMessageAgeAlarm(placement, { queueName, label: cfn.node.path }, threshold),
  );
  ctx.record(cfn, `added an alarm on ApproximateAgeOfOldestMessage (${alarm.node.path}) at ${threshold} seconds`);
}
