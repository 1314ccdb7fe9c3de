/**
 * What lets CloudWatch publish for the alarms of the stack's own account and region only:
 * https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger (aws:SourceArn, ArnLike) and
 * https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html (confused deputy: aws:SourceAccount).
 */
export const ALARMS_OF_THIS_ACCOUNT = {
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: {
    'aws:SourceArn': {
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
    },
  },
};
