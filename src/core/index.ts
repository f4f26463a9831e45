/**
 * The public entry of the engine for Node: the command line and the browser tests import the
 * engine from here. The browser application imports the modules it needs one by one, so that
 * its bundler can leave the rest (and the whole catalog) out of the first screen.
 */

// The catalog: services, statements, data access patterns, regions, account tables.
export { catalog, buildCatalog, type Catalog, type Region } from './catalog/catalog';
export {
  STATEMENT_SIDS,
  POLICY_SIZE_LIMIT,
  DEFAULT_EXCLUSION_TAG,
  ORGANIZATION_ID_PATTERN,
  ACCOUNT_ID_PATTERN,
  isStatementSid,
  toPatternId,
  toRegionCode,
  toServiceId,
  type PatternId,
  type RegionCode,
  type ServiceId,
  type StatementSid,
} from './catalog/ids';
export type {
  AccountTable,
  CatalogStatement,
  DataAccessPattern,
  EndpointService,
  Partition,
  ReachedBy,
  ServiceTemplate,
  Source,
} from './catalog/schema';

// The configuration: its format, parsing, checks and edits, saved requests.
export {
  CONFIG_VERSION,
  OUTPUT_SHAPES,
  POLICY_FORMATS,
  emptyConfig,
  perimeterConfigSchema,
  type OutputShape,
  type PerimeterConfig,
  type PerimeterConfigDocument,
  type PerimeterParameters,
  type PolicyFormat,
  type ThirdPartyParameters,
} from './config/schema';
export { validateConfigValue, type ConfigParseResult } from './config/parse';
export { parseConfigText } from './config/parse-text';
export { MAX_CONFIG_CHARACTERS, readStructuredText } from './config/structured-text';
export { configFormatFor } from './config/text-format';
export { applyConfigEdit, type ConfigEdit } from './config/config-edits';
export { EXAMPLE_CONFIG_JSONC } from './config/example';
export {
  DECISIONS,
  simulatedRequestSchema,
  type Decision,
  type RequestPrincipal,
  type SavedRequest,
  type SimulatedRequest,
} from './config/request-schema';

// Findings, and text helpers for printing them.
export {
  hasErrors,
  offsetToPosition,
  sortDiagnostics,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
  type TextRange,
} from './diagnostics';
export { countOf, formatCount } from './text/format-count';
export { formatJsonPath, type JsonPath } from './text/json-path';
export { suggest } from './text/suggest';

// Generating policies.
export {
  DEFAULT_FORMAT,
  PLACEHOLDERS,
  generate,
  type GenerateOptions,
  type GeneratedPolicy,
  type PolicyDocument,
  type PolicyStatement,
  type StatementProvenance,
  type ValueProvenance,
} from './generate/generate';
export { generatePolicies, policyFileName, type PolicyOutput } from './generate/outputs';
export {
  canonicalRegions,
  canonicalServices,
  selectedPatterns,
  selectedStatements,
} from './generate/selection';
export { countPolicyCharacters, renderPolicy } from './policy/render';
export { MAX_POLICY_TEXT_CHARACTERS } from './policy/policy-json';

// Validating a policy text.
export {
  validate,
  type EndpointType,
  type PolicyValidation,
  type ValidateOptions,
} from './validate/validate';
export { createIamIndex, loadIamIndex, type IamIndex } from './iam/iam-index';

// Evaluating requests.
export {
  compilePolicy,
  evaluate,
  statementLabel,
  unreadablePolicyProblem,
  type EvaluationResult,
  type StatementFailure,
  type StatementOutcome,
} from './evaluate/evaluate';
export {
  endpointPolicyFor,
  endpointPolicyForNames,
  parseSavedRequests,
  runSavedRequests,
  runSavedRequestsAgainstConfig,
  summarizeSuite,
  type SavedRequestOutcome,
  type SuiteSummary,
} from './evaluate/suite';
export {
  buildReadyMadeRequest,
  expectationFor,
  perimeterScenarios,
  readyMadeSpecsFor,
  savedRequestOf,
  servicesWithReadyMadeRequests,
  type Expectation,
  type PerimeterScenario,
} from './evaluate/scenarios';
export { requestShapeProblems, type RequestShapeProblem } from './evaluate/request-shape';
export {
  evaluateRequestMatrix,
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
  type MatrixCell,
  rowRegions,
  type MatrixPlan,
  type MatrixRow,
} from './evaluate/request-matrix';
export { checkPolicyForVerdict, type PolicyVerdictCheck } from './validate/verdict-check';
export { checkThirdPartyValues } from './validate/third-party-values';

// Exporting and auditing deployed endpoints.
export { exportPolicies, type PolicyExport } from './deploy/export/export';
export { EXPORT_FORMATS, type ExportFormat } from './deploy/export/types';
export { AUDIT_STATE_LABELS, auditEndpoints, type AuditRow } from './deploy/audit';
export { auditCsv, auditJson, auditSummary, describeChange } from './deploy/audit-report';
export {
  DESCRIBE_JSON_OPTIONS,
  MAX_DESCRIBE_CHARACTERS,
  readDescribeVpcEndpoints,
  type DescribeFile,
} from './deploy/describe-endpoints';
export { tooLargeMessage } from './deploy/large-json';

// Impact of a design on recorded CloudTrail traffic.
export { parseAccountsText } from './impact/accounts';
export {
  athenaImpactQuerySql,
  athenaTableSql,
  checkAthenaOptions,
  type AthenaOptions,
} from './impact/athena';
export { EventCollector, type ImpactCollection } from './impact/collect';
export { parseEndpointsText, type EndpointEntry } from './impact/endpoints';
export { buildImpactReport, type ImpactReport, type ShapeResult } from './impact/report';
export type { ImpactShape } from './impact/shapes';
