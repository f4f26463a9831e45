import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { selectedStatements } from '@/core/generate/selection';
import { withStatementToggle } from '@/core/config/config-edits';
import {
  statementScopeWrite,
  statementSwitchState,
  statementToggleWrite,
  type StatementToggleWrite,
} from './statement-toggle';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const S3 = testServiceId('s3');

const base: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [],
  regions: ['us-east-1'],
  services: ['s3'],
};
const apply = (config: PerimeterConfigDocument, write: StatementToggleWrite) =>
  withStatementToggle(testConfig(config), write.sid, write.enabled, write.serviceId);

describe('statement switches', () => {
  it('turn a statement off for every service and back to the template', () => {
    const off = apply(
      base,
      statementToggleWrite(
        testConfig(base),
        'AllowRequestsToAWSOwnedResources',
        false,
        S3,
        catalog,
      ),
    );
    expect(off.statements).toEqual({ AllowRequestsToAWSOwnedResources: false });
    expect(selectedStatements(off, S3, catalog)).not.toContain('AllowRequestsToAWSOwnedResources');
    expect(statementSwitchState(off, 'AllowRequestsToAWSOwnedResources', S3, catalog)).toEqual({
      enabled: false,
      scope: 'every-service',
    });
    const on = apply(
      off,
      statementToggleWrite(off, 'AllowRequestsToAWSOwnedResources', true, S3, catalog),
    );
    expect(on).toEqual(base);
    expect(statementSwitchState(on, 'AllowRequestsToAWSOwnedResources', S3, catalog)).toEqual({
      enabled: true,
      scope: 'template',
    });
  });

  it('keep an explicit setting when the selected services have different templates', () => {
    const config = { ...base, services: ['s3', 'sts'] };
    const off = apply(
      config,
      statementToggleWrite(
        testConfig(config),
        'AllowRequestsToAWSOwnedResources',
        false,
        S3,
        catalog,
      ),
    );
    const on = apply(
      off,
      statementToggleWrite(off, 'AllowRequestsToAWSOwnedResources', true, S3, catalog),
    );
    expect(on.statements).toEqual({ AllowRequestsToAWSOwnedResources: true });
  });

  it('change the service setting when the previewed service has one', () => {
    const config = apply(
      base,
      statementScopeWrite(
        testConfig(base),
        'AllowRequestsByAWSServicePrincipals',
        S3,
        true,
        catalog,
      ),
    );
    expect(config.serviceStatements).toEqual({ s3: { AllowRequestsByAWSServicePrincipals: true } });
    expect(
      statementSwitchState(config, 'AllowRequestsByAWSServicePrincipals', S3, catalog).scope,
    ).toBe('this-service');
    const off = apply(
      config,
      statementToggleWrite(config, 'AllowRequestsByAWSServicePrincipals', false, S3, catalog),
    );
    expect(off.serviceStatements).toEqual({ s3: { AllowRequestsByAWSServicePrincipals: false } });
    expect(off.statements).toBeUndefined();
    expect(selectedStatements(off, S3, catalog)).not.toContain(
      'AllowRequestsByAWSServicePrincipals',
    );
    const back = apply(
      off,
      statementToggleWrite(off, 'AllowRequestsByAWSServicePrincipals', true, S3, catalog),
    );
    expect(back).toEqual(base);
  });

  it('follow the default template when no service is selected', () => {
    const none = { ...base, services: [] };
    expect(
      statementSwitchState(
        testConfig(none),
        'AllowRequestsByAWSServicePrincipals',
        undefined,
        catalog,
      ).enabled,
    ).toBe(true);
    expect(
      statementSwitchState(testConfig(none), 'AllowRequestsToAWSOwnedResources', undefined, catalog)
        .enabled,
    ).toBe(false);
  });
});
