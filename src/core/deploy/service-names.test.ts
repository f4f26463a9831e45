import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { endpointServiceName, resolveServiceName } from './service-names';
import { testServiceId } from '../catalog/ids.testing';

describe('endpoint service names', () => {
  it('names the endpoint of a regional service per region, and a global one in its global form', () => {
    expect(endpointServiceName(catalog.service(testServiceId('s3'))!, 'eu-west-1')).toBe(
      'com.amazonaws.eu-west-1.s3',
    );
    expect(endpointServiceName(catalog.service(testServiceId('iam'))!, 'eu-west-1')).toBe(
      'com.amazonaws.iam',
    );
    expect(endpointServiceName(catalog.service(testServiceId('qbusiness'))!, 'us-east-1')).toBe(
      'aws.api.us-east-1.qbusiness',
    );
    expect(
      endpointServiceName(catalog.service(testServiceId('glacier'))!, 'us-east-1'),
    ).toBeUndefined();
  });

  it('maps every catalog name back to its service and region', () => {
    for (const service of catalog.services) {
      if (!service.serviceName) continue;
      const name = endpointServiceName(service, 'ap-southeast-2')!;
      const resolved = resolveServiceName(name, catalog);
      // A service reached through another's endpoint resolves to the endpoint's own service.
      const owner = catalog.services.filter((s) => s.serviceName === service.serviceName);
      const id =
        owner.length > 1
          ? owner.find((s) => service.serviceName!.endsWith(`.${s.id}`))!.id
          : service.id;
      expect(resolved, name).toEqual(
        service.serviceName.includes('{region}')
          ? { kind: 'aws-service', service: id, region: 'ap-southeast-2' }
          : { kind: 'aws-service', service: id },
      );
    }
  });

  it('maps an endpoint shared by several services to the service it is named after', () => {
    expect(resolveServiceName('com.amazonaws.eu-west-1.rds', catalog)).toMatchObject({
      service: 'rds',
    });
    expect(resolveServiceName('com.amazonaws.eu-west-1.email', catalog)).toMatchObject({
      service: 'email',
    });
  });

  it('reads the SageMaker, FIPS and China forms', () => {
    expect(resolveServiceName('aws.sagemaker.eu-west-1.notebook', catalog)).toEqual({
      kind: 'aws-service',
      service: 'notebook',
      region: 'eu-west-1',
    });
    expect(resolveServiceName('com.amazonaws.us-east-1.kms-fips', catalog)).toEqual({
      kind: 'aws-service',
      service: 'kms-fips',
      region: 'us-east-1',
    });
    expect(resolveServiceName('cn.com.amazonaws.cn-north-1.ecr.api', catalog)).toEqual({
      kind: 'aws-service',
      service: 'ecr.api',
      region: 'cn-north-1',
    });
    expect(resolveServiceName('cn.com.amazonaws.cn-north-1.transcribe.cn', catalog)).toMatchObject({
      kind: 'aws-service',
      region: 'cn-north-1',
    });
  });

  it('tells endpoint services of accounts and unknown names apart, with the region when named', () => {
    expect(
      resolveServiceName('com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0', catalog),
    ).toEqual({ kind: 'endpoint-service', region: 'eu-west-1' });
    const unknown = resolveServiceName('com.amazonaws.eu-west-1.not-a-service', catalog);
    expect(unknown).toMatchObject({ kind: 'unknown', region: 'eu-west-1' });
    expect(resolveServiceName('nonsense', catalog)).toMatchObject({ kind: 'unknown' });
    expect(resolveServiceName('nonsense', catalog)).not.toHaveProperty('region');
  });
});
