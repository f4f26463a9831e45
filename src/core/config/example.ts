/** The commented example configuration that `vpce-policy init` writes. */
export const EXAMPLE_CONFIG_JSONC = `// A perimeter configuration for vpce-policy (JSON with comments).
// Build the policies:   npx vpce-policy build --config perimeter.json
// Every field is checked; unknown fields are reported rather than ignored.
{
  "$schema": "./perimeter-config.schema.json",
  "version": 1,

  // Your AWS Organizations organization id(s): o- followed by 10 to 32 letters or digits.
  "organizationIds": ["o-a1b2c3d4e5"],

  // Regions where your endpoints live. Run "vpce-policy catalog regions" for the list.
  "regions": ["us-east-1", "eu-west-1"],

  // Endpoint services, by PrivateLink short name. Run "vpce-policy catalog services".
  "services": ["s3", "ec2", "ssm", "ecr.api", "ecr.dkr", "sts"],

  // Statements on or off for every service; a Sid left out follows each service's template.
  "statements": {
    "AllowRequestsByThirdPartyIdentitiesToThirdPartyResources": false,
    "AllowRequestsByOrgsIdentitiesToThirdPartyResources": false
  },

  // Statement toggles for one service only, applied after the ones above.
  "serviceStatements": {
    "sts": { "AllowRequestsByAWSServicePrincipals": false }
  },

  // Data access patterns on or off by id; an id left out follows the catalog default.
  // Run "vpce-policy catalog patterns" for the list.
  "dataAccessPatterns": {
    "guardduty-eks-agent-images": true,
    "cloud9-dependencies": false
  },

  "parameters": {
    // The principal tag that exempts principals of your organization (statement 7).
    "exclusionTag": { "key": "dp:exclude:resource", "value": "true" },

    // Accounts for a region that an account table does not cover, or that you want to pin.
    // Tables: run "vpce-policy catalog accounts".
    "accountIds": {
      "glue-studio-transforms": { "us-east-1": "510798373988" }
    },

    // Publishers of the Lambda layers your functions use (pattern lambda-layers-named-accounts).
    "lambdaLayerAccounts": ["580247275435"],

    // Trusted third parties, used when their statements are on.
    "thirdPartyIdentitiesToThirdPartyResources": {
      "accounts": ["111122223333"],
      "actions": ["s3:GetObject", "s3:PutObject"],
      "resources": ["arn:aws:s3:::partner-exchange-bucket/*"]
    },
    "orgIdentitiesToThirdPartyResources": {
      "accounts": ["111122223333"],
      "actions": ["s3:PutObject"],
      "resources": ["arn:aws:s3:::partner-reports-bucket/*"]
    }
  },

  // "all-regions": one policy per service; "per-region": one per service and region.
  // Format: "pretty-2", "pretty-4" or "minified".
  "output": { "shape": "per-region", "format": "pretty-2" }
}
`;
