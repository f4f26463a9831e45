import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { toServiceId } from '../catalog/ids';
import { fieldsOfEvent } from './collect';
import { parseEndpointsText } from './endpoints';
import { eventAction, eventActionSources } from './event-actions';
import table from './event-actions.json';
import { groupedObjectArn, mapEvent } from './event-request';
import { apiEvent, identities, OURS, OUTSIDE, s3Event, VPCE } from './trail-fixtures.testing';

const known = (id: string) => toServiceId(id, catalog);
const map = (event: Record<string, unknown>) => mapEvent(fieldsOfEvent(event), known);

describe('event to request', () => {
  it('names the IAM action where the API name differs, from a sourced table', () => {
    expect(eventAction('s3.amazonaws.com', 'ListObjects', known)).toMatchObject({
      action: 's3:ListBucket',
      s3Resource: 'bucket',
    });
    expect(eventAction('s3.amazonaws.com', 'HeadObject', known)).toMatchObject({
      action: 's3:GetObject',
      s3Resource: 'object',
    });
    expect(eventAction('lambda.amazonaws.com', 'GetFunction20150331v2', known)).toMatchObject({
      action: 'lambda:GetFunction',
      endpointService: 'lambda',
    });
    expect(eventAction('lambda.amazonaws.com', 'Invoke', known)).toMatchObject({
      action: 'lambda:InvokeFunction',
    });
    expect(eventAction('monitoring.amazonaws.com', 'PutMetricData', known)).toMatchObject({
      action: 'cloudwatch:PutMetricData',
      endpointService: 'monitoring',
    });
    expect(eventAction('ecr.amazonaws.com', 'BatchGetImage', known)).toMatchObject({
      endpointService: 'ecr.dkr',
    });
    expect(eventAction('ecr.amazonaws.com', 'DescribeImages', known)).toMatchObject({
      endpointService: 'ecr.api',
    });
    expect(eventAction('kms.amazonaws.com', 'Decrypt', known)).toEqual({
      action: 'kms:Decrypt',
      endpointService: 'kms',
    });
    expect(eventAction('evil.example.com', 'X', known)).toEqual({
      problem: 'the eventSource "evil.example.com" is not an AWS service endpoint',
    });
    expect(eventAction('nosuchservice.amazonaws.com', 'X', known)).toEqual({
      problem: 'no VPC endpoint service is known for nosuchservice.amazonaws.com',
    });
  });

  it('gives every table entry a source with a URL, and only known endpoint services', () => {
    const entries = [...table.actions, ...table.eventSources, ...table.versionSuffixes];
    for (const entry of entries)
      expect(eventActionSources[entry.source]?.url).toMatch(/^https:\/\//);
    for (const entry of [...table.actions, ...table.eventSources])
      if ('endpointService' in entry && entry.endpointService)
        expect(known(entry.endpointService) !== undefined, entry.endpointService).toBe(true);
  });

  it('reads each identity type as the principal the endpoint policy sees', () => {
    const principal = (identity: Record<string, unknown>) => {
      const mapped = map(s3Event(identity, 'b', 'k', OURS));
      if (!('request' in mapped)) throw new Error(JSON.stringify(mapped));
      const { principalKind, principalArn, principalAccount, servicePrincipal } = mapped.request;
      return { principalKind, principalArn, principalAccount, servicePrincipal };
    };
    expect(principal(identities.role())).toEqual({
      principalKind: 'role',
      principalArn: `arn:aws:iam::${OURS}:role/service/app`,
      principalAccount: OURS,
      servicePrincipal: undefined,
    });
    const { sessionContext: _dropped, ...bareSession } = identities.role(OUTSIDE, 'ops');
    expect(principal(bareSession).principalArn).toBe(`arn:aws:iam::${OUTSIDE}:role/ops`);
    expect(principal(identities.user()).principalKind).toBe('user');
    expect(principal(identities.root()).principalArn).toBe(`arn:aws:iam::${OURS}:root`);
    expect(principal(identities.federated()).principalKind).toBe('federated-user');
    expect(principal(identities.awsAccount()).principalAccount).toBe(OUTSIDE);
    expect(principal(identities.anonymous()).principalKind).toBe('anonymous');
    expect(principal(identities.service()).servicePrincipal).toBe('cloudformation.amazonaws.com');
    expect(principal(identities.webIdentity()).principalKind).toBe('web-identity');
    expect(map(s3Event(identities.unknown(), 'b', 'k', OURS))).toEqual({
      problem: 'the identity type "Unknown" does not say who signed the request',
    });
    expect(map(s3Event(identities.service('AWS Internal'), 'b', 'k', OURS))).toEqual({
      problem: 'an AWSService identity without a service principal (invokedBy "AWS Internal")',
    });
  });

  it('reads the resource and its account from the event, S3 keys grouped by their first folders', () => {
    expect(groupedObjectArn('aws', 'b', 'a/b/c/d.txt')).toBe('arn:aws:s3:::b/a/b/*');
    expect(groupedObjectArn('aws', 'b', 'file')).toBe('arn:aws:s3:::b/*');
    const object = map(s3Event(identities.role(), 'data', 'x/y/z.csv', OUTSIDE));
    expect(object).toMatchObject({
      request: {
        resource: 'arn:aws:s3:::data/x/y/*',
        resourceExample: 'arn:aws:s3:::data/x/y/z.csv',
        resourceAccount: OUTSIDE,
        resourceAccountFrom: 'resources',
      },
      endpointId: VPCE,
    });
    const list = map(
      s3Event(identities.role(), 'data', 'x/y/z.csv', OURS, { eventName: 'ListObjects' }),
    );
    expect(list).toMatchObject({
      request: { action: 's3:ListBucket', resource: 'arn:aws:s3:::data' },
    });
    const kms = map(
      apiEvent(identities.role(), {
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        resources: [{ ARN: `arn:aws:kms:us-east-1:${OUTSIDE}:key/1`, type: 'AWS::KMS::Key' }],
      }),
    );
    expect(kms).toMatchObject({
      request: { resourceAccount: OUTSIDE, resourceAccountFrom: 'arn' },
    });
    const describe = map(
      apiEvent(identities.role(), {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DescribeInstances',
      }),
    );
    expect(describe).toMatchObject({
      request: { resource: '*', resourceAccount: OURS, resourceAccountFrom: 'recipient' },
    });
    const network = map(
      apiEvent(identities.role(), {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DescribeInstances',
        category: 'NetworkActivity',
      }),
    );
    expect(network).toMatchObject({ request: { resource: '*' } });
    expect('request' in network && network.request.resourceAccount).toBeUndefined();
  });

  it('counts events without an endpoint apart, and names the reason for the others', () => {
    expect(map(s3Event(identities.role(), 'b', 'k', OURS, { vpce: null }))).toEqual({
      skip: 'no-endpoint',
    });
    expect(map(s3Event(identities.role(), 'b', 'k', OURS, { region: 'moon-1' }))).toEqual({
      problem: 'the awsRegion "moon-1" is not a region',
    });
    expect(map({ Records: [] })).toEqual({
      problem: 'not a CloudTrail event (no eventSource or eventName)',
    });
  });

  it('takes the endpoint service and region from the inventory when there is one', () => {
    const inventory = parseEndpointsText(
      JSON.stringify({
        VpcEndpoints: [
          {
            VpcEndpointId: VPCE,
            ServiceName: 'com.amazonaws.eu-west-1.ecr.api',
            VpcEndpointType: 'Interface',
          },
          { VpcEndpointId: 'vpce-0fedcba9876543210', ServiceName: 'com.vendor.service' },
        ],
      }),
    );
    expect([...inventory.endpoints]).toEqual([[VPCE, { service: 'ecr.api', region: 'eu-west-1' }]]);
    expect(inventory.problems).toHaveLength(1);
    const pull = apiEvent(identities.role(), {
      eventSource: 'ecr.amazonaws.com',
      eventName: 'BatchGetImage',
    });
    expect(mapEvent(fieldsOfEvent(pull), known)).toMatchObject({
      request: { service: 'ecr.dkr', region: 'us-east-1' },
    });
    expect(mapEvent(fieldsOfEvent(pull), known, inventory.endpoints)).toMatchObject({
      request: { service: 'ecr.api', region: 'eu-west-1' },
    });
    expect(parseEndpointsText('nope').problems[0]).toMatch(/^not valid JSON/);
  });
});
