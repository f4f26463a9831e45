/** What the generator says about the endpoint service itself, whatever the policy's shape. */
import type { EndpointService } from '../catalog/schema';
import { policyUnsupportedDiagnostic } from '../diagnostic-messages';
import type { DiagnosticSink } from './sink';

export function serviceDiagnostics(
  serviceId: string,
  service: EndpointService | undefined,
  regionCodes: readonly string[],
  sink: DiagnosticSink,
): void {
  if (!service) {
    sink.add('unknown-service', {
      severity: 'error',
      code: 'generate/unknown-service',
      message: `Unknown endpoint service "${serviceId}".`,
      path: 'services',
    });
    return;
  }
  if (service.discontinued) {
    sink.add('discontinued', {
      severity: 'warning',
      code: 'generate/discontinued-service',
      message: `${service.id} is discontinued: ${service.discontinued.note}`,
      hint: 'Remove it from the services unless you still run such an endpoint.',
      path: 'services',
    });
  }
  if (service.endpointPolicy === 'unsupported') {
    sink.add('unsupported', { severity: 'warning', ...policyUnsupportedDiagnostic(service) });
  } else if (service.endpointPolicy === 'unknown') {
    sink.add('support-unknown', {
      severity: 'info',
      code: 'service/policy-support-unknown',
      message: `No source we rely on says whether ${service.title} endpoints enforce endpoint policies.`,
      hint: `Check with: aws ec2 describe-vpc-endpoint-services --service-names ${(service.serviceName ?? service.id).replace('{region}', regionCodes[0] ?? 'us-east-1')} (VpcEndpointPolicySupported).`,
    });
  }
}
