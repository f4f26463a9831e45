/**
 * Whether a request typed by hand is one that can exist: its resource an ARN (or `*` for an
 * action without a resource), its principal ARN an IAM or STS one of the principal's own account.
 * A text that is neither would still get a verdict (a `Resource: "*"` matches anything), and the
 * verdict would read as an answer. Checked where a person types one request (the simulator's form,
 * `vpce-policy simulate`); saved requests and configurations keep the schema's rules, so that work
 * saved before these checks still opens.
 */
import type { SimulatedRequest } from '../config/request-schema';
import { splitArn } from '../policy/arn';

export interface RequestShapeProblem {
  field: 'resource' | 'principalArn';
  message: string;
}

const PRINCIPAL_SERVICES = new Set(['iam', 'sts']);

function isResourceArn(value: string): boolean {
  if (value === '*') return true;
  const arn = splitArn(value);
  return (
    arn !== undefined &&
    /^aws(?:-[a-z]+)*$/.test(arn.partition) &&
    /^[a-z0-9-]+$/.test(arn.service) &&
    arn.resource !== ''
  );
}

export function requestShapeProblems(request: SimulatedRequest): RequestShapeProblem[] {
  const problems: RequestShapeProblem[] = [];
  if (!isResourceArn(request.resource))
    problems.push({
      field: 'resource',
      message:
        'expected an ARN such as "arn:aws:s3:::example-bucket/key" (arn:partition:service:region:account:resource), or * for an action without a resource',
    });
  const { principal } = request;
  if (principal.type === 'iam' && principal.arn !== undefined) {
    const arn = splitArn(principal.arn);
    if (
      !arn ||
      !PRINCIPAL_SERVICES.has(arn.service) ||
      !/^\d{12}$/.test(arn.account) ||
      arn.resource === ''
    )
      problems.push({
        field: 'principalArn',
        message:
          'expected an IAM principal ARN such as "arn:aws:iam::111122223333:role/app" or "arn:aws:sts::111122223333:assumed-role/app/session"',
      });
    else if (arn.account !== principal.account)
      problems.push({
        field: 'principalArn',
        message: `the ARN names account ${arn.account}, not the principal's account ${principal.account}`,
      });
  }
  return problems;
}
