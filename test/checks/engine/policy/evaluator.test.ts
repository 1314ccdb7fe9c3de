import { CheckedResource } from '../../../../src';
import {
  ABSENT,
  conditionHolds,
  Decision,
  evaluatePolicy,
  PolicyKind,
  PolicyRequest,
  RequestContext,
} from '../../../../src/checks/engine/policy/evaluator';
import { arnForms } from '../../../../src/checks/engine/policy/requests';
import { arnSymbol, matches, Tri, toSymbolic } from '../../../../src/checks/engine/policy/symbolic';

const resources = new Map<string, CheckedResource>(
  [
    ['Topic', 'AWS::SNS::Topic', {}],
    ['Other', 'AWS::SNS::Topic', {}],
    ['Alarm', 'AWS::CloudWatch::Alarm', { AlarmName: 'app-errors' }],
    ['Unnamed', 'AWS::CloudWatch::Alarm', {}],
    ['Role', 'AWS::IAM::Role', {}],
  ].map(([logicalId, resourceType, properties]) => [
    logicalId as string,
    new CheckedResource({
      logicalId: logicalId as string,
      resourceType: resourceType as string,
      properties,
      constructPath: `T/${logicalId}`,
      stackName: 'T',
    }),
  ]),
);
const lookup = (id: string) => resources.get(id);

const ALARM_ARN = arnForms(resources.get('Alarm')!, lookup);
const CONTEXT: RequestContext = {
  'aws:sourcearn': { values: [ALARM_ARN] },
  'aws:sourceaccount': { values: [[[{ symbol: 'AWS::AccountId' }]]] },
  'aws:securetransport': { values: [[['true']]] },
  'kms:viaservice': ABSENT,
};

function request(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: { service: 'cloudwatch.amazonaws.com' },
    action: 'sns:Publish',
    resource: arnForms(resources.get('Topic')!, lookup),
    context: CONTEXT,
    ...overrides,
  };
}

const ALLOW_CW = {
  Sid: 'AllowCloudWatch',
  Effect: 'Allow',
  Principal: { Service: 'cloudwatch.amazonaws.com' },
  Action: 'sns:Publish',
  Resource: { Ref: 'Topic' },
};
const TLS_DENY = {
  Sid: 'TlsOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sns:Publish',
  Resource: { Ref: 'Topic' },
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const ACCOUNT_JOIN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
};
const ALARMS_OF_ACCOUNT = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':cloudwatch:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':alarm:*',
    ],
  ],
};

function decide(statements: any[], req: PolicyRequest = request(), kind = PolicyKind.RESOURCE) {
  return evaluatePolicy({ Version: '2012-10-17', Statement: statements }, req, kind, lookup);
}

describe('evaluation logic: explicit deny > allow > implicit deny', () => {
  test.each<[string, any[], Decision, RegExp]>([
    ['an allow for the service', [ALLOW_CW], Decision.ALLOWED, /'AllowCloudWatch' allows/],
    [
      'the TLS deny alone (our topics before #17)',
      [TLS_DENY],
      Decision.DENIED,
      /no statement allows cloudwatch.amazonaws.com to call sns:Publish/,
    ],
    ['the TLS deny does not apply over TLS', [TLS_DENY, ALLOW_CW], Decision.ALLOWED, /'AllowCloudWatch'/],
    [
      'an explicit deny overrides an allow',
      [ALLOW_CW, { ...ALLOW_CW, Sid: 'No', Effect: 'Deny' }],
      Decision.DENIED,
      /'No' denies/,
    ],
    ['a statement without Sid is named by position', [{ ...ALLOW_CW, Sid: undefined }], Decision.ALLOWED, /#1/],
    ['an empty policy', [], Decision.DENIED, /no statement allows/],
    [
      'another service only',
      [{ ...ALLOW_CW, Principal: { Service: 'events.amazonaws.com' } }],
      Decision.DENIED,
      /no statement/,
    ],
    ['another action only', [{ ...ALLOW_CW, Action: 'sns:Subscribe' }], Decision.DENIED, /no statement/],
    ['another topic only', [{ ...ALLOW_CW, Resource: { Ref: 'Other' } }], Decision.DENIED, /no statement/],
    ['an unreadable effect', [{ ...ALLOW_CW, Effect: { Ref: 'P' } }], Decision.UNKNOWN, /cannot be decided/],
    [
      'an unknown deny over a definite allow',
      [ALLOW_CW, { ...TLS_DENY, Condition: { Bool: { 'aws:ViaAWSService': 'false' } } }],
      Decision.UNKNOWN,
      /'TlsOnly' denies/,
    ],
  ])('%s', (_name, statements, decision, reason) => {
    const answer = decide(statements);
    expect(answer.decision).toBe(decision);
    expect(answer.reason).toMatch(reason);
  });

  test('a document that is a token, an Fn::If or not JSON is unknown; a JSON string is read', () => {
    expect(evaluatePolicy({ 'Fn::If': ['C', {}, {}] }, request(), PolicyKind.RESOURCE, lookup).decision).toBe(
      Decision.UNKNOWN,
    );
    expect(evaluatePolicy('not json', request(), PolicyKind.RESOURCE, lookup).decision).toBe(Decision.UNKNOWN);
    expect(
      evaluatePolicy({ Statement: { 'Fn::If': ['C', [], []] } }, request(), PolicyKind.RESOURCE, lookup).decision,
    ).toBe(Decision.UNKNOWN);
    const json = JSON.stringify({ Statement: { ...ALLOW_CW, Resource: '*' } });
    expect(evaluatePolicy(json, request(), PolicyKind.RESOURCE, lookup).decision).toBe(Decision.ALLOWED);
  });
});

describe('actions and resources', () => {
  test.each<[string, any, Decision]>([
    ['a service wildcard', { Action: 'sns:*' }, Decision.ALLOWED],
    ['case-insensitive actions', { Action: 'SNS:Publish' }, Decision.ALLOWED],
    ['a ? wildcard', { Action: 'sns:Publis?' }, Decision.ALLOWED],
    ['a list with the action', { Action: ['sns:Subscribe', 'sns:Publish'] }, Decision.ALLOWED],
    ['everything', { Action: '*' }, Decision.ALLOWED],
    ['NotAction excluding another action', { Action: undefined, NotAction: 'sns:Subscribe' }, Decision.ALLOWED],
    ['NotAction excluding the action', { Action: undefined, NotAction: 'sns:*' }, Decision.DENIED],
    ['an action from a parameter', { Action: { Ref: 'Param' } }, Decision.UNKNOWN],
    ['a resource wildcard', { Resource: '*' }, Decision.ALLOWED],
    ['the topic by GetAtt TopicArn', { Resource: { 'Fn::GetAtt': ['Topic', 'TopicArn'] } }, Decision.ALLOWED],
    ['the topic in Fn::Sub', { Resource: { 'Fn::Sub': '${Topic}' } }, Decision.ALLOWED],
    ['NotResource of another topic', { Resource: undefined, NotResource: { Ref: 'Other' } }, Decision.ALLOWED],
    ['NotResource of the topic', { Resource: undefined, NotResource: { Ref: 'Topic' } }, Decision.DENIED],
    ['a literal ARN of an unknown topic', { Resource: 'arn:aws:sns:us-east-1:111122223333:x' }, Decision.UNKNOWN],
    [
      'an ARN pattern of every topic of the account',
      { Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*' } },
      Decision.ALLOWED,
    ],
    [
      'an ARN pattern of another service',
      { Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*' } },
      Decision.DENIED,
    ],
    ['an imported resource', { Resource: { 'Fn::ImportValue': 'X' } }, Decision.UNKNOWN],
    ['no Resource at all', { Resource: undefined }, Decision.UNKNOWN],
  ])('%s', (_name, change, decision) => {
    expect(decide([{ ...ALLOW_CW, ...change }]).decision).toBe(decision);
  });
});

describe('principals', () => {
  test.each<[string, any, Decision]>([
    ['everyone', '*', Decision.ALLOWED],
    ['AWS: *', { AWS: '*' }, Decision.ALLOWED],
    ['AWS: [*]', { AWS: ['*'] }, Decision.ALLOWED],
    ['a list of services', { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] }, Decision.ALLOWED],
    ['an account id', { AWS: '111122223333' }, Decision.DENIED],
    ['the account root', { AWS: ACCOUNT_JOIN }, Decision.DENIED],
    ['a federated principal', { Federated: 'cognito-identity.amazonaws.com' }, Decision.DENIED],
    ['a principal from a parameter', { Service: { Ref: 'Param' } }, Decision.UNKNOWN],
    ['the whole principal an intrinsic', { 'Fn::If': ['C', '*', {}] }, Decision.UNKNOWN],
  ])('%s', (_name, principal, decision) => {
    expect(decide([{ ...ALLOW_CW, Principal: principal }]).decision).toBe(decision);
  });

  test('NotPrincipal: a deny for everyone but the service does not apply to it; but for another it does', () => {
    const denyOthers = {
      Sid: 'OnlyCw',
      Effect: 'Deny',
      NotPrincipal: { Service: 'cloudwatch.amazonaws.com' },
      Action: '*',
      Resource: '*',
    };
    expect(decide([ALLOW_CW, denyOthers]).decision).toBe(Decision.ALLOWED);
    const events = request({ principal: { service: 'events.amazonaws.com' } });
    expect(decide([{ ...ALLOW_CW, Principal: '*' }, denyOthers], events).reason).toMatch(/'OnlyCw' denies/);
  });

  test('regional service principals (CloudWatch Logs), literal or with the region token', () => {
    const logs = request({
      principal: { service: 'logs.amazonaws.com', regionalService: true },
      action: 'kms:Decrypt',
    });
    const allow = (service: any) =>
      decide([{ ...ALLOW_CW, Action: 'kms:*', Resource: '*', Principal: { Service: service } }], logs);
    expect(allow({ 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }).decision).toBe(
      Decision.ALLOWED,
    );
    // AWS documents the regional name in the key policy: the global one is not the principal CloudWatch Logs uses.
    expect(allow('logs.amazonaws.com').decision).toBe(Decision.DENIED);
    expect(allow('logs.eu-west-1.amazonaws.com').decision).toBe(Decision.UNKNOWN);
    expect(allow('events.amazonaws.com').decision).toBe(Decision.DENIED);
  });

  test('a role of the template: its ARN allows; the account delegates to the identity policy (unknown); identity policies skip principals', () => {
    const role = request({ principal: { role: 'Role' } });
    expect(decide([{ ...ALLOW_CW, Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } } }], role).decision).toBe(
      Decision.ALLOWED,
    );
    expect(decide([{ ...ALLOW_CW, Principal: { AWS: ACCOUNT_JOIN } }], role).decision).toBe(Decision.UNKNOWN);
    expect(decide([{ ...ALLOW_CW, Principal: { Service: 'cloudwatch.amazonaws.com' } }], role).decision).toBe(
      Decision.DENIED,
    );
    const identity = { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'Topic' } };
    expect(decide([identity], role, PolicyKind.IDENTITY).decision).toBe(Decision.ALLOWED);
  });
});

describe('conditions', () => {
  test.each<[string, any, Tri]>([
    ['no condition', undefined, Tri.YES],
    ['SourceAccount equals the account', { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }, Tri.YES],
    ['key names are case-insensitive', { StringEquals: { 'AWS:SOURCEACCOUNT': { Ref: 'AWS::AccountId' } } }, Tri.YES],
    ['SourceAccount equals a literal account', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, Tri.UNKNOWN],
    ['SourceArn is the alarm', { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Alarm', 'Arn'] } } }, Tri.YES],
    ['SourceArn is another alarm', { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Unnamed', 'Arn'] } } }, Tri.NO],
    ['SourceArn is like the account alarms', { ArnLike: { 'aws:SourceArn': ALARMS_OF_ACCOUNT } }, Tri.YES],
    [
      'SourceArn like a name prefix that fits',
      {
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:app-*',
          },
        },
      },
      Tri.YES,
    ],
    [
      'SourceArn like a name prefix that does not fit',
      {
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:web-*',
          },
        },
      },
      Tri.NO,
    ],
    [
      'SourceArn like event rules',
      {
        ArnLike: {
          'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*' },
        },
      },
      Tri.NO,
    ],
    [
      'SourceArn like a literal region',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:*' } },
      Tri.UNKNOWN,
    ],
    [
      'one of several values (OR)',
      { StringEquals: { 'aws:SourceAccount': ['x', { Ref: 'AWS::AccountId' }] } },
      Tri.YES,
    ],
    [
      'two keys (AND), one fails',
      {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Unnamed', 'Arn'] } },
      },
      Tri.NO,
    ],
    ['StringNotEquals with the value', { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }, Tri.NO],
    [
      'StringNotEquals with several values is AND',
      { StringNotEquals: { 'aws:SourceAccount': ['x', { Ref: 'AWS::AccountId' }] } },
      Tri.NO,
    ],
    ['StringLike', { StringLike: { 'aws:SourceArn': 'arn:*' } }, Tri.YES],
    ['StringNotLike', { StringNotLike: { 'aws:SourceArn': 'arn:*' } }, Tri.NO],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:SecureTransport': 'TRUE' } }, Tri.YES],
    ['Bool true over TLS', { Bool: { 'aws:SecureTransport': 'true' } }, Tri.YES],
    ['Bool false over TLS', { Bool: { 'aws:SecureTransport': false } }, Tri.NO],
    [
      'an absent key fails a positive operator',
      { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
      Tri.NO,
    ],
    ['an absent key passes a negated operator', { StringNotEquals: { 'kms:ViaService': 'x' } }, Tri.YES],
    ['an absent key passes IfExists', { StringEqualsIfExists: { 'kms:ViaService': 'x' } }, Tri.YES],
    [
      'a present key is checked by IfExists',
      { ArnEqualsIfExists: { 'aws:SourceArn': { 'Fn::GetAtt': ['Unnamed', 'Arn'] } } },
      Tri.NO,
    ],
    ['Null true for an absent key', { Null: { 'kms:ViaService': 'true' } }, Tri.YES],
    ['Null false for a present key', { Null: { 'aws:SourceArn': 'false' } }, Tri.YES],
    ['Null true for a present key', { Null: { 'aws:SourceArn': 'true' } }, Tri.NO],
    ['ForAnyValue over an absent key', { 'ForAnyValue:StringEquals': { 'kms:ViaService': 'x' } }, Tri.NO],
    ['ForAllValues over an absent key', { 'ForAllValues:StringEquals': { 'kms:ViaService': 'x' } }, Tri.YES],
    [
      'ForAnyValue over a present key',
      { 'ForAnyValue:StringEquals': { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      Tri.YES,
    ],
    ['a key the model does not know', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }, Tri.UNKNOWN],
    ['an operator the model does not know', { NumericLessThan: { 'aws:SourceAccount': '1' } }, Tri.UNKNOWN],
    ['a value from a parameter', { StringEquals: { 'aws:SourceAccount': { Ref: 'Param' } } }, Tri.UNKNOWN],
    ['a value from Fn::If', { StringEquals: { 'aws:SourceAccount': { 'Fn::If': ['C', 'a', 'b'] } } }, Tri.UNKNOWN],
    ['a whole block from Fn::If', { 'Fn::If': ['C', {}, {}] }, Tri.UNKNOWN],
  ])('%s', (_name, condition, expected) => {
    expect(conditionHolds(condition, CONTEXT, lookup)).toBe(expected);
  });

  test('an unnamed alarm matches a pattern over every alarm but not a name prefix (unknown)', () => {
    const context: RequestContext = { 'aws:sourcearn': { values: [arnForms(resources.get('Unnamed')!, lookup)] } };
    expect(conditionHolds({ ArnLike: { 'aws:SourceArn': ALARMS_OF_ACCOUNT } }, context, lookup)).toBe(Tri.YES);
    const prefix = { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:app-*' };
    expect(conditionHolds({ ArnLike: { 'aws:SourceArn': prefix } }, context, lookup)).toBe(Tri.UNKNOWN);
  });
});

describe('symbolic strings', () => {
  test('Ref to an SNS topic is its ARN; Ref to a parameter is a symbol of its own', () => {
    expect(toSymbolic({ Ref: 'Topic' }, lookup)).toEqual([arnSymbol('Topic')]);
    expect(toSymbolic({ Ref: 'Param' }, lookup)).toEqual([{ symbol: 'param:Param' }]);
    expect(toSymbolic({ 'Fn::Select': [0, []] }, lookup)).toBeUndefined();
  });

  test('Fn::Join with a delimiter and Fn::Sub with variables and escapes', () => {
    expect(toSymbolic({ 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }]] }, lookup)).toEqual([
      'a:',
      { symbol: 'AWS::Region' },
    ]);
    expect(toSymbolic({ 'Fn::Sub': ['${X}-${!Y}', { X: 'v' }] }, lookup)).toEqual(['v-${Y}']);
  });

  test('literal edges prove a mismatch even with symbols in between', () => {
    expect(
      matches(['a', { symbol: 's' }, 'b'], ['a', { symbol: 's' }, 'c'], { wildcards: false, ignoreCase: false }),
    ).toBe(Tri.NO);
    expect(matches(['a', { symbol: 's' }], ['a', { symbol: 't' }], { wildcards: false, ignoreCase: false })).toBe(
      Tri.UNKNOWN,
    );
  });
});
