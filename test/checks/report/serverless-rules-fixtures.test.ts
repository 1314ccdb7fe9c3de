/**
 * The serverless-rules ids the catalogue names, held to their documented conditions (awslabs/serverless-rules
 * `docs/rules`, cfn-lint implementation): per id, templates their rule flags (bad) and passes (good), written here
 * from those conditions. Ours must flag every bad template on the resource named (theirs flags the same resource
 * unless `mapping` says where theirs reports), unless it is a listed narrower case of that id; and give no finding
 * of the covering rules on any good one. The templates go through the CLI's template loader and checker.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Severity } from '../../../src';
import { ExternalRule, SERVERLESS_RULES } from '../../../src/checks/report/external-rule-sets';
import { WellArchitectedRules } from '../../../src/checks/rules';
import { checkTemplates } from '../../../src/cli/check';
import { loadTemplates } from '../../../src/cli/load';

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

interface Bad {
  readonly name: string;
  readonly resources: Resources;
  /** The logical id ours must flag. */
  readonly flags: string;
  /** Where their rule reports, when it is another resource than ours. */
  readonly mapping?: string;
}

interface Fixtures {
  readonly id: string;
  readonly bad: Bad[];
  readonly good: Resources[];
  /** Bad templates ours does not flag, on purpose (the id's verdict is narrower, and says why). */
  readonly narrower?: string[];
}

const ROLE = 'arn:aws:iam::123456789012:role/fn';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:topic';
const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:access';

function fn(properties: Record<string, any> = {}): { Type: string; Properties: Record<string, any> } {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: 'fn',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: 'exports.handler = async () => {};' },
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      ...properties,
    },
  };
}

const LOG_GROUP = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/fn', RetentionInDays: 30 } };

function restStage(properties: Record<string, any>): Resources {
  return {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
    Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } },
    Stage: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: 'Deployment' }, StageName: 'prod', ...properties },
    },
  };
}

function httpStage(properties: Record<string, any>): Resources {
  return {
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api', ProtocolType: 'HTTP' } },
    HttpStage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default', ...properties },
    },
  };
}

function lambdaRole(statement: object): Resources {
  return {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] },
          },
        ],
      },
    },
    Fn: fn({ Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
    Logs: LOG_GROUP,
  };
}

const JSON_FORMAT = JSON.stringify({ requestId: '$context.requestId', status: '$context.status' });
const THROTTLE = [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 }];

function permission(principal: string, id: string): Resources {
  return {
    [id]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'Fn' },
        Principal: principal,
        SourceAccount: '123456789012',
      },
    },
  };
}

const FIXTURES: Fixtures[] = [
  {
    id: 'WS1000',
    bad: [
      { name: 'missing', resources: { Fn: fn({ TracingConfig: undefined }), Logs: LOG_GROUP }, flags: 'Fn' },
      {
        name: 'pass-through',
        resources: { Fn: fn({ TracingConfig: { Mode: 'PassThrough' } }), Logs: LOG_GROUP },
        flags: 'Fn',
      },
    ],
    good: [{ Fn: fn(), Logs: LOG_GROUP }],
  },
  {
    id: 'ES1001',
    bad: [
      {
        name: 'kinesis',
        resources: {
          Fn: fn(),
          Mapping: {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: {
              FunctionName: { Ref: 'Fn' },
              EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
              StartingPosition: 'LATEST',
            },
          },
        },
        flags: 'Mapping',
      },
      {
        name: 'sqs',
        resources: {
          Fn: fn(),
          Mapping: {
            Type: 'AWS::Lambda::EventSourceMapping',
            Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: QUEUE },
          },
        },
        flags: 'Mapping',
      },
    ],
    good: [
      {
        Fn: fn(),
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            FunctionName: { Ref: 'Fn' },
            EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
            StartingPosition: 'LATEST',
            DestinationConfig: { OnFailure: { Destination: QUEUE } },
          },
        },
      },
    ],
    narrower: ['sqs'],
  },
  {
    id: 'WS1002',
    bad: [
      {
        name: 'two-principals',
        resources: { Fn: fn(), ...permission('s3.amazonaws.com', 'S3'), ...permission('sns.amazonaws.com', 'Sns') },
        flags: 'Fn',
        mapping: 'the function',
      },
    ],
    good: [{ Fn: fn(), ...permission('sns.amazonaws.com', 'A'), ...permission('sns.amazonaws.com', 'B') }],
  },
  {
    id: 'WS1003',
    bad: [
      {
        name: 'star',
        resources: lambdaRole({ Action: '*', Resource: 'arn:aws:s3:::b/*' }),
        flags: 'Fn',
        mapping: 'Role',
      },
      {
        name: 'service-star',
        resources: lambdaRole({ Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }),
        flags: 'Fn',
        mapping: 'Role',
      },
    ],
    good: [
      lambdaRole({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      lambdaRole({ Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }),
    ],
  },
  {
    id: 'WS1004',
    bad: [
      { name: 'no-log-group', resources: { Fn: fn() }, flags: 'Fn' },
      {
        name: 'no-retention',
        resources: { Fn: fn(), Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/fn' } } },
        flags: 'Fn',
      },
    ],
    good: [
      { Fn: fn(), Logs: LOG_GROUP },
      {
        Fn: fn(),
        Logs: {
          Type: 'AWS::Logs::LogGroup',
          Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${Fn}' }, RetentionInDays: 30 },
        },
      },
    ],
  },
  {
    id: 'ES1005',
    bad: [{ name: 'no-memory', resources: { Fn: fn({ MemorySize: undefined }), Logs: LOG_GROUP }, flags: 'Fn' }],
    good: [{ Fn: fn(), Logs: LOG_GROUP }],
  },
  {
    id: 'ES1006',
    bad: [{ name: 'no-timeout', resources: { Fn: fn({ Timeout: undefined }), Logs: LOG_GROUP }, flags: 'Fn' }],
    good: [{ Fn: fn(), Logs: LOG_GROUP }],
  },
  {
    id: 'ES1007',
    bad: [
      {
        name: 'no-on-failure',
        resources: {
          Fn: fn(),
          Logs: LOG_GROUP,
          Config: {
            Type: 'AWS::Lambda::EventInvokeConfig',
            Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: '$LATEST' },
          },
        },
        flags: 'Fn',
        mapping: 'Config',
      },
    ],
    good: [
      {
        Fn: fn(),
        Logs: LOG_GROUP,
        Config: {
          Type: 'AWS::Lambda::EventInvokeConfig',
          Properties: {
            FunctionName: { Ref: 'Fn' },
            Qualifier: '$LATEST',
            DestinationConfig: { OnFailure: { Destination: QUEUE } },
          },
        },
      },
    ],
  },
  {
    id: 'aws_lambda_function_eol_runtime',
    bad: [
      {
        name: 'python3.6',
        resources: { Fn: fn({ Runtime: 'python3.6', Handler: 'index.handler' }), Logs: LOG_GROUP },
        flags: 'Fn',
      },
    ],
    // Ours also flags runtimes close to deprecation (nodejs22.x from the test date on), as cfn-lint W2531 does.
    good: [{ Fn: fn({ Runtime: 'nodejs24.x' }), Logs: LOG_GROUP }],
  },
  {
    id: 'ES2000',
    bad: [
      { name: 'rest-missing', resources: restStage({}), flags: 'Stage' },
      { name: 'http-missing', resources: httpStage({}), flags: 'HttpStage' },
    ],
    good: [
      restStage({ AccessLogSetting: { DestinationArn: LOGS, Format: JSON_FORMAT } }),
      httpStage({ AccessLogSettings: { DestinationArn: LOGS, Format: JSON_FORMAT } }),
    ],
  },
  {
    id: 'WS2001',
    bad: [
      {
        name: 'rest-not-json',
        resources: restStage({ AccessLogSetting: { DestinationArn: LOGS, Format: '$context.requestId' } }),
        flags: 'Stage',
      },
      {
        name: 'http-not-json',
        resources: httpStage({ AccessLogSettings: { DestinationArn: LOGS, Format: '$context.requestId' } }),
        flags: 'HttpStage',
      },
    ],
    good: [
      restStage({ AccessLogSetting: { DestinationArn: LOGS, Format: JSON_FORMAT } }),
      httpStage({ AccessLogSettings: { DestinationArn: LOGS, Format: JSON_FORMAT } }),
    ],
  },
  {
    id: 'WS2002',
    bad: [
      { name: 'missing', resources: restStage({}), flags: 'Stage' },
      { name: 'false', resources: restStage({ TracingEnabled: false }), flags: 'Stage' },
    ],
    good: [restStage({ TracingEnabled: true }), httpStage({})],
  },
  {
    id: 'ES2003',
    bad: [
      { name: 'rest-missing', resources: restStage({}), flags: 'Stage' },
      { name: 'http-missing', resources: httpStage({}), flags: 'HttpStage' },
    ],
    good: [
      restStage({ MethodSettings: THROTTLE }),
      httpStage({ DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 } }),
    ],
  },
  {
    id: 'WS3000',
    bad: [
      {
        name: 'missing',
        resources: {
          Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'api', AuthenticationType: 'AWS_IAM' } },
        },
        flags: 'Api',
      },
    ],
    good: [
      {
        Api: {
          Type: 'AWS::AppSync::GraphQLApi',
          Properties: { Name: 'api', AuthenticationType: 'AWS_IAM', XrayEnabled: true },
        },
      },
    ],
  },
  {
    id: 'ES4000',
    bad: [
      {
        name: 'partial',
        resources: {
          Rule: {
            Type: 'AWS::Events::Rule',
            Properties: {
              ScheduleExpression: 'rate(1 hour)',
              Targets: [
                { Id: 'a', Arn: TOPIC, DeadLetterConfig: { Arn: QUEUE } },
                { Id: 'b', Arn: TOPIC },
              ],
            },
          },
        },
        flags: 'Rule',
      },
    ],
    good: [
      {
        Rule: {
          Type: 'AWS::Events::Rule',
          Properties: {
            ScheduleExpression: 'rate(1 hour)',
            Targets: [{ Id: 'a', Arn: TOPIC, DeadLetterConfig: { Arn: QUEUE } }],
          },
        },
      },
    ],
  },
  {
    id: 'WS5000',
    bad: [
      {
        name: 'missing',
        resources: {
          Machine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: { RoleArn: ROLE, DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}' },
          },
        },
        flags: 'Machine',
      },
    ],
    good: [
      {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            RoleArn: ROLE,
            DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
            TracingConfiguration: { Enabled: true },
          },
        },
      },
    ],
  },
  {
    id: 'ES6000',
    bad: [{ name: 'no-redrive', resources: { Queue: { Type: 'AWS::SQS::Queue' } }, flags: 'Queue' }],
    good: [
      {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 } },
        },
        Dlq: { Type: 'AWS::SQS::Queue' },
      },
    ],
  },
  {
    id: 'ES7000',
    bad: [
      {
        name: 'sqs-no-redrive',
        resources: {
          Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: TOPIC, Protocol: 'sqs', Endpoint: QUEUE } },
        },
        flags: 'Sub',
      },
    ],
    good: [
      {
        Sub: {
          Type: 'AWS::SNS::Subscription',
          Properties: {
            TopicArn: TOPIC,
            Protocol: 'sqs',
            Endpoint: QUEUE,
            RedrivePolicy: { deadLetterTargetArn: QUEUE },
          },
        },
      },
    ],
  },
];

const ALL_RULES = WellArchitectedRules.all();

function coveringRuleIds(external: ExternalRule): string[] {
  const ids = new Set([external.id, ...(external.aliases ?? [])]);
  return ALL_RULES.filter((rule) => (rule.equivalents.serverlessRules ?? []).some((id) => ids.has(id))).map(
    (r) => r.id,
  );
}

/** The findings of the covering rules on a template, as logical ids. */
function flagged(resources: Resources, ruleIds: string[]): string[] {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-serverless-rules-'));
  try {
    const file = path.join(directory, 'template.json');
    fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
    const report = checkTemplates(loadTemplates(file), {
      pillars: [],
      minimumSeverity: Severity.INFO,
      generatedBy: 'test',
      rules: ALL_RULES.filter((rule) => ruleIds.includes(rule.id)),
    });
    return report.findings.map((f) => f.logicalId);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

describe('serverless-rules ids against their documented conditions', () => {
  test('every serverless-rules id has fixtures, and only those', () => {
    expect(FIXTURES.map((f) => f.id).sort()).toEqual(SERVERLESS_RULES.rules.map((r) => r.id).sort());
  });

  test.each(SERVERLESS_RULES.rules.map((r) => [r.id, r] as const))(
    '%s: each bad template is flagged on the resource named, except the narrower cases; no good one is',
    (id, external) => {
      const fixtures = FIXTURES.find((f) => f.id === id)!;
      const ruleIds = coveringRuleIds(external);
      expect(ruleIds.length).toBeGreaterThan(0);
      const missed = fixtures.bad
        .filter((bad) => !flagged(bad.resources, ruleIds).includes(bad.flags))
        .map((b) => b.name);
      expect(missed).toEqual(fixtures.narrower ?? []);
      for (const good of fixtures.good) {
        expect(flagged(good, ruleIds)).toEqual([]);
      }
      if (missed.length > 0) {
        expect(external.verdict.kind).toBe('narrower');
      }
    },
  );
});
