/** The public entry of the engine shared by the CLI and the browser. */
export { catalog, buildCatalog, type Catalog, type Region } from './catalog/catalog';
export {
  STATEMENT_SIDS,
  POLICY_SIZE_LIMIT,
  DEFAULT_EXCLUSION_TAG,
  ORGANIZATION_ID_PATTERN,
  ACCOUNT_ID_PATTERN,
  isStatementSid,
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
export {
  CONFIG_VERSION,
  OUTPUT_SHAPES,
  POLICY_FORMATS,
  emptyConfig,
  perimeterConfigSchema,
  type OutputShape,
  type PerimeterConfig,
  type PerimeterParameters,
  type PolicyFormat,
  type ThirdPartyParameters,
} from './config/schema';
export {
  configFormatFor,
  parseConfigText,
  validateConfigValue,
  type ConfigParseResult,
} from './config/parse';
export { formatJsonPath } from './text/json-path';
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
export { countPolicyCharacters, renderPolicy } from './policy/render';
export {
  canonicalRegions,
  canonicalServices,
  selectedPatterns,
  selectedStatements,
} from './generate/selection';
export {
  hasErrors,
  offsetToPosition,
  sortDiagnostics,
  type Diagnostic,
  type Severity,
  type TextRange,
} from './diagnostics';
export type {
  Decision,
  RequestPrincipal,
  SavedRequest,
  SimulatedRequest,
} from './config/request-schema';
export { validate, type PolicyValidation, type ValidateOptions } from './validate/validate';
export { createIamIndex, loadIamIndex, type IamIndex } from './iam/iam-index';
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
export {
  evaluateRequestMatrix,
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
  type MatrixCell,
  type MatrixPlan,
  type MatrixRow,
} from './evaluate/request-matrix';
