import { findResourceLines } from '../../../src/checks/report';

describe('findResourceLines', () => {
  test('finds each resource of a CDK JSON template, not keys of the same name deeper down', () => {
    const template = {
      Parameters: { Queue: { Type: 'String' } },
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Handler', Value: 'x' }] } },
        Handler: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { Queue: 'q' } } } },
      },
      Outputs: { Handler: { Value: 'x' } },
    };
    const text = JSON.stringify(template, undefined, 1);
    const lines = text.split('\n');
    const result = findResourceLines(text);
    expect(result).toEqual({ Queue: expect.any(Number), Handler: expect.any(Number) });
    expect(lines[result.Queue - 1]).toBe('  "Queue": {');
    expect(lines[result.Handler - 1]).toBe('  "Handler": {');
    expect(result.Queue).toBeGreaterThan(lines.indexOf(' "Resources": {'));
  });

  test('finds resources in JSON laid out otherwise than aws-cdk-lib writes it', () => {
    const template = {
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Handler' }] } } },
      Outputs: { Handler: { Value: 'x' } },
    };
    for (const indent of [2, 4, '\t']) {
      const text = JSON.stringify(template, undefined, indent);
      const result = findResourceLines(text);
      expect(result).toEqual({ Queue: 3 });
    }
  });

  test('finds resources in a YAML template', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  # the work queue',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      Handler: not-a-resource',
      "  'Handler':",
      '    Type: AWS::Lambda::Function',
      'Outputs:',
      '  Other:',
      '    Value: x',
    ].join('\n');
    expect(findResourceLines(text)).toEqual({ Queue: 4, Handler: 8 });
  });

  test('gives nothing for a template without Resources or on one line', () => {
    expect(findResourceLines('{"Resources":{"Queue":{}}}')).toEqual({});
    expect(findResourceLines('Parameters:\n  X:\n    Type: String\n')).toEqual({});
    expect(findResourceLines('')).toEqual({});
  });
});
