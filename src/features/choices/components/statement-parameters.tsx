/** The parameters a statement takes: third-party lists, the exclusion tag, account ids, Lambda layer publishers. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { catalog } from '@/core/catalog/catalog';
import { DEFAULT_EXCLUSION_TAG, type StatementSid } from '@/core/catalog/ids';
import type { ParameterName } from '@/core/catalog/schema';
import { THIRD_PARTY_LISTS } from '@/core/config/list-fields';
import type { PerimeterConfig } from '@/core/config/schema';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import {
  withBucketNames,
  withExclusionTag,
  withLambdaLayerAccounts,
  withTableAccounts,
  withThirdPartyList,
  type ThirdPartyBlock,
} from '@/core/config/config-edits';
import { accountNeeds, bucketNameNeeds, selectedPatternsOfStatement } from '../account-needs';
import { useValidatedField } from '../use-validated-field';
import { FieldMessages } from '@/shared/diagnostics/field-messages';
import { ListField } from './list-field';

const EMPTY: readonly string[] = [];

function ThirdPartyFields({ block }: { block: ThirdPartyBlock }) {
  const parameters = useBuilder((state) => state.config.parameters?.[block]);
  const { setThirdPartyList } = useBuilderActions();
  const path = `parameters.${block}`;
  return (
    <Stack spacing={1.5}>
      <ListField
        label={THIRD_PARTY_LISTS.accounts.label}
        path={`${path}.accounts`}
        values={parameters?.accounts ?? EMPTY}
        edit={(config, values) => withThirdPartyList(config, block, 'accounts', values)}
        commit={(values) => setThirdPartyList(block, 'accounts', values)}
        placeholder="111122223333"
        help="12-digit accounts of the partner, one per line."
      />
      <ListField
        label={THIRD_PARTY_LISTS.actions.label}
        path={`${path}.actions`}
        values={parameters?.actions ?? EMPTY}
        edit={(config, values) => withThirdPartyList(config, block, 'actions', values)}
        commit={(values) => setThirdPartyList(block, 'actions', values)}
        placeholder="s3:GetObject"
        help="Only what the integration needs, e.g. s3:GetObject."
      />
      <ListField
        label={THIRD_PARTY_LISTS.resources.label}
        path={`${path}.resources`}
        values={parameters?.resources ?? EMPTY}
        edit={(config, values) => withThirdPartyList(config, block, 'resources', values)}
        commit={(values) => setThirdPartyList(block, 'resources', values)}
        placeholder="arn:aws:s3:::partner-bucket/*"
        help="The partner's resources, one ARN per line."
      />
    </Stack>
  );
}

type Tag = { key: string; value: string };
const sameAsDefault = (tag: Tag) =>
  tag.key === DEFAULT_EXCLUSION_TAG.key && tag.value === DEFAULT_EXCLUSION_TAG.value;

function TagPartField({
  part,
  tag,
  onTag,
}: {
  part: keyof Tag;
  tag: Tag;
  onTag: (tag: Tag | undefined) => void;
}) {
  const place = (config: PerimeterConfig, text: string) => {
    const next = { ...tag, [part]: text };
    return withExclusionTag(config, sameAsDefault(next) ? undefined : next);
  };
  const input = useRef<HTMLInputElement>(null);
  useControlFocus(`parameters.exclusionTag.${part}`, input);
  const field = useValidatedField<string>({
    path: `parameters.exclusionTag.${part}`,
    value: tag[part],
    parse: (text) => text,
    format: (text) => text,
    edit: place,
    commit: (text) => {
      const next = { ...tag, [part]: text };
      onTag(sameAsDefault(next) ? undefined : next);
    },
  });
  return (
    <TextField
      inputRef={input}
      label={part === 'key' ? 'Exclusion tag key' : 'Exclusion tag value'}
      value={field.text}
      onChange={(event) => field.onTextChange(event.target.value)}
      error={field.hasError}
      autoComplete="off"
      helperText={
        <FieldMessages
          messages={field.messages}
          fallback={
            part === 'key'
              ? 'A principal tag key, e.g. dp:exclude:resource.'
              : 'The value that exempts, e.g. true.'
          }
        />
      }
    />
  );
}

function ExclusionTagFields() {
  const tag = useBuilder((state) => state.config.parameters?.exclusionTag) ?? DEFAULT_EXCLUSION_TAG;
  const { setExclusionTag } = useBuilderActions();
  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { sm: '1fr 1fr' } }}>
      <TagPartField part="key" tag={tag} onTag={setExclusionTag} />
      <TagPartField part="value" tag={tag} onTag={setExclusionTag} />
    </Box>
  );
}

function AccountIdFields({ sid }: { sid: StatementSid }) {
  const config = useBuilder((state) => state.config);
  const { setTableAccounts } = useBuilderActions();
  const needs = accountNeeds(config, sid, catalog);
  if (needs.length === 0) return null;
  return (
    <Stack spacing={1.5}>
      {needs.map((need) => {
        // An unverified table's accounts are to be confirmed: every region gets its field, where
        // the account is set to make the choice the user's (the checks' warning moves here).
        const rows = need.table.verified
          ? need.regions.filter((row) => !row.known || row.own)
          : need.regions;
        const covered = need.regions.length - need.missing.length;
        return (
          <Box key={need.table.id} component="section" aria-label={`Accounts: ${need.table.title}`}>
            <Typography variant="h3" component="h4">
              {need.table.title}
            </Typography>
            <Typography variant="caption" component="p" color="text.secondary">
              For {need.patterns.map((p) => p.title).join(', ')}. Known for {covered} of{' '}
              {need.regions.length} selected regions.
            </Typography>
            {!need.table.verified && (
              <Alert severity="warning" sx={{ my: 0.5 }}>
                These accounts come from public third-party material, not from AWS documentation:
                confirm them before you rely on them.
              </Alert>
            )}
            {need.missing.length > 0 && (
              <Typography variant="body2" color="error" sx={{ my: 0.5 }}>
                No account known for {need.missing.join(', ')}: the policy shows a placeholder there
                until you set one.
              </Typography>
            )}
            <Stack spacing={1} sx={{ mt: 1 }}>
              {rows.map((row) => (
                <ListField
                  key={row.region}
                  multiline={false}
                  label={`${row.region} account`}
                  path={`parameters.accountIds.${need.table.id}.${row.region}`}
                  values={row.own ?? EMPTY}
                  edit={(c, values) => withTableAccounts(c, need.table.id, row.region, values)}
                  commit={(values) => setTableAccounts(need.table.id, row.region, values)}
                  placeholder={row.known ? row.known.join(', ') : '123456789012'}
                  help={
                    row.known
                      ? `Overrides the table (${row.known.join(', ')}); empty returns to it.`
                      : 'The account AWS documents for this region.'
                  }
                />
              ))}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}

/** Exact names of AWS-owned buckets that AWS does not publish: a wildcard would admit strangers' buckets. */
function BucketNameFields({ sid }: { sid: StatementSid }) {
  const config = useBuilder((state) => state.config);
  const { setBucketNames } = useBuilderActions();
  const needs = bucketNameNeeds(config, sid, catalog);
  if (needs.length === 0) return null;
  return (
    <Stack spacing={1.5}>
      {needs.map(({ pattern, regions, missing }) => {
        const source = pattern.bucketNames!;
        return (
          <Box key={pattern.id} component="section" aria-label={`Bucket names: ${pattern.title}`}>
            <Typography variant="h3" component="h4">
              Bucket names: {pattern.title}
            </Typography>
            <Typography variant="caption" component="p" color="text.secondary">
              {source.howToFind}
            </Typography>
            {missing.length > 0 && (
              <Typography variant="body2" color="error" sx={{ my: 0.5 }}>
                No bucket name for {missing.join(', ')}: the policy shows a placeholder there until
                you enter the exact name.
              </Typography>
            )}
            <Stack spacing={1} sx={{ mt: 1 }}>
              {regions.map((row) => (
                <ListField
                  key={row.region}
                  multiline={false}
                  label={`${row.region} bucket names`}
                  path={`parameters.bucketNames.${pattern.id}.${row.region}`}
                  values={row.own ?? EMPTY}
                  edit={(c, values) => withBucketNames(c, pattern.id, row.region, values)}
                  commit={(values) => setBucketNames(pattern.id, row.region, values)}
                  placeholder={source.shapes[0]!.replaceAll('{region}', row.region).replace(
                    '{id}',
                    source.placeholder,
                  )}
                  help="Exact names only, no wildcard."
                />
              ))}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}

function LambdaLayerField({ sid }: { sid: StatementSid }) {
  const config = useBuilder((state) => state.config);
  const { setLambdaLayerAccounts } = useBuilderActions();
  const needed = selectedPatternsOfStatement(config, sid, catalog).some(
    (p) => p.accounts && 'parameter' in p.accounts,
  );
  const accounts = config.parameters?.lambdaLayerAccounts ?? EMPTY;
  if (!needed && accounts.length === 0) return null;
  return (
    <ListField
      label="Lambda layer publisher accounts"
      path="parameters.lambdaLayerAccounts"
      values={accounts}
      edit={withLambdaLayerAccounts}
      commit={setLambdaLayerAccounts}
      placeholder="580247275435"
      help="Accounts that publish the Lambda layers your functions use, one per line."
    />
  );
}

const organizationNote = 'Uses the Organization ID chosen above.';

export function StatementParameters({
  sid,
  parameters,
}: {
  sid: StatementSid;
  parameters: readonly ParameterName[];
}) {
  const sections = parameters.map((parameter) => {
    switch (parameter) {
      case 'organizationIds':
        return (
          <Typography key={parameter} variant="caption" color="text.secondary" component="p">
            {organizationNote}
          </Typography>
        );
      case 'thirdPartyIdentitiesToThirdPartyResources':
      case 'orgIdentitiesToThirdPartyResources':
        return <ThirdPartyFields key={parameter} block={parameter} />;
      case 'exclusionTag':
        return <ExclusionTagFields key={parameter} />;
      case 'accountIds':
        return <AccountIdFields key={parameter} sid={sid} />;
      case 'lambdaLayerAccounts':
        return <LambdaLayerField key={parameter} sid={sid} />;
      case 'bucketNames':
        return <BucketNameFields key={parameter} sid={sid} />;
      default:
        return null;
    }
  });
  return <Stack spacing={1.5}>{sections}</Stack>;
}
