/**
 * The AWS CLI export: a shell script of `aws ec2 modify-vpc-endpoint --policy-document file://...`
 * per endpoint and region, opening with a comment block that says what it will change and how to
 * run it as a dry run first. Endpoint ids come from the inventory; where it has none for a region,
 * from an environment variable per service and region, which the script requires before any change.
 */
import { snakeIdentifier, type DeploymentTarget } from './targets';
import { policyUnsupportedNote } from '../../diagnostic-messages';
import type { ExportFile, ExportNote } from './types';

export const CLI_SCRIPT = 'apply-endpoint-policies.sh';

/** `ecr.api` in `eu-west-1` → `VPCE_ECR_API_EU_WEST_1`. */
export function endpointVariable(target: DeploymentTarget): string {
  return `VPCE_${snakeIdentifier(target.service.id, target.region).toUpperCase()}`;
}

/** A single-quoted shell word; every value written is checked already, this keeps it so. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

// eslint-disable-next-line max-lines-per-function -- most of it is the script and README text, kept whole so that it reads as written.
export function awsCliFiles(
  targets: readonly DeploymentTarget[],
  toolVersion: string,
  notes: ExportNote[],
): ExportFile[] {
  // The plan and the commands as pieces joined once each, not a string per line: a script for
  // every service in every region has tens of thousands of lines.
  const plan: string[] = [];
  const commands: string[] = [];
  const required: string[] = [];
  const line = (pieces: string[], ...parts: string[]) => {
    if (pieces.length > 0) pieces.push('\n');
    pieces.push(...parts);
  };
  for (const target of targets) {
    const { service, region } = target;
    const regionWord = shellWord(region);
    if (service.endpointPolicy === 'unsupported') {
      notes.push({
        severity: 'warning',
        file: CLI_SCRIPT,
        message: `${service.id} in ${region}: ${policyUnsupportedNote(service)}, so the script leaves them alone.`,
      });
      continue;
    }
    const policy = `policies/${target.policyFile}`;
    const policyWord = shellWord(policy);
    if (target.endpoints.length > 0) {
      line(commands, '# ', service.title, ' in ', region);
      for (const endpoint of target.endpoints) {
        line(plan, '#   ', region, '  ', endpoint.id, '  ', service.id);
        if (endpoint.name) plan.push(' (', endpoint.name.replace(/[\r\n]/g, ' '), ')');
        plan.push('  <- ', policy);
        line(commands, 'apply ', regionWord, ' ', shellWord(endpoint.id), ' ', policyWord);
      }
    } else if (!target.regionInInventory) {
      const variable = endpointVariable(target);
      required.push(variable);
      line(plan, '#   ', region, '  $', variable, '  ', service.id, '  <- ', policy);
      line(commands, '# ', service.title, ' in ', region, ': the endpoints listed in $', variable);
      line(
        commands,
        'for endpoint in $',
        variable,
        '; do apply ',
        regionWord,
        ' "$endpoint" ',
        policyWord,
        '; done',
      );
    }
  }
  const requiredCheck =
    required.length > 0
      ? `
# The inventory does not list these endpoints: give their ids, separated by spaces (an empty
# value where a region has no endpoint of the service), e.g. ${required[0]}="vpce-0123456789abcdef0".
missing=0
for variable in ${required.join(' ')}; do
  if [ -z "\${!variable+set}" ]; then
    echo "Set $variable to the ids of its endpoints (empty if there is none)." >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 2
`
      : '';
  const script = `#!/usr/bin/env bash
# Applies the endpoint policies of the data perimeter to the VPC endpoints below, one
# aws ec2 modify-vpc-endpoint --policy-document per endpoint. Written by vpce-policy ${toolVersion};
# change the configuration and export again rather than this file.
#
# Endpoints and the policy each receives (an endpoint has one policy: this replaces it):
${plan.length > 0 ? plan.join('') : '#   (none)'}
#
# Dry run first. DRY_RUN=1 prints every command without running it:
#   DRY_RUN=1 ./${CLI_SCRIPT}
# To check permissions too, run one command with --dry-run: AWS answers "DryRunOperation" when
# the call would have succeeded, and changes nothing:
#   aws ec2 modify-vpc-endpoint --dry-run --region <region> --vpc-endpoint-id <id> --policy-document file://policies/<file>
# Before and after, compare with the deployed policies:
#   aws ec2 describe-vpc-endpoints --region <region> > endpoints-<region>.json
#   npx vpce-policy audit --config perimeter.json endpoints-*.json
set -euo pipefail
cd "$(dirname "$0")"
${requiredCheck}
apply() {
  local region="$1" endpoint="$2" policy="$3"
  local command=(aws ec2 modify-vpc-endpoint --region "$region" --vpc-endpoint-id "$endpoint" --policy-document "file://$policy")
  if [ "\${DRY_RUN:-0}" = "1" ]; then
    printf '%q ' "\${command[@]}"
    printf '\\n'
  else
    "\${command[@]}" > /dev/null
    echo "$endpoint ($region): policy $policy applied"
  fi
}

${commands.join('')}
`;
  const readme = `# VPC endpoint policies (AWS CLI)

\`${CLI_SCRIPT}\` applies each policy of \`policies/\` (byte for byte the JSON export) to the endpoints of its service and region with \`aws ec2 modify-vpc-endpoint\`. Its opening comment lists every endpoint and the policy it receives.

\`\`\`sh
DRY_RUN=1 ./${CLI_SCRIPT}   # print the commands, change nothing
./${CLI_SCRIPT}             # apply
\`\`\`
${required.length > 0 ? `\nThe inventory of the configuration does not list every region's endpoints: set ${required.map((v) => `\`${v}\``).join(', ')} to the ids of the endpoints (separated by spaces; empty where there is none) before running it.\n` : ''}
\`manifest.json\` lists every file, its regions, endpoint service names and the generator's findings.
`;
  return [
    { path: CLI_SCRIPT, kind: 'script', text: script, executable: true },
    { path: 'README.md', kind: 'readme', text: readme },
  ];
}
