/**
 * What the policy is in terms of the perimeter: the endpoint service, the statements recognized
 * (and how), the data access patterns found, what the catalog recommends that is missing, and
 * "Adopt", which loads the recognized choices into the builder and lists what could not be mapped.
 * Adopt keeps the organization id and regions already chosen when the policy names none, and asks
 * which to keep when the policy names others.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { memo, useId, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { ServiceId } from '@/core/catalog/ids';
import type { PerimeterConfig } from '@/core/config/schema';
import { validateConfigValue } from '@/core/config/parse';
import type { TextRange } from '@/core/diagnostics';
import type { PolicyRecognition, UnmappedElement } from '@/core/validate/validate';
import { useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { placeOf } from '@/shared/diagnostics/place-of';
import { previewedService } from '@/shared/catalog/preview-target';

const BASIS_TEXT = {
  'sid-and-shape': 'by Sid and shape',
  shape: 'by shape',
  sid: 'by Sid only, shaped differently',
} as const;

function UnmappedList({
  unmapped,
  onReveal,
}: {
  unmapped: readonly UnmappedElement[];
  onReveal(range: TextRange): void;
}) {
  return (
    <Box component="ul" aria-label="Not mapped" sx={{ m: 0, pl: 2.5 }}>
      {unmapped.map((element, index) => (
        <li key={`${element.path}-${index}`}>
          <Typography variant="body2" component="span">
            {element.range ? (
              <Button
                size="small"
                sx={{ p: 0, minWidth: 0, verticalAlign: 'baseline' }}
                onClick={() => onReveal(element.range!)}
              >
                {placeOf(element.range)}
              </Button>
            ) : (
              element.path
            )}{' '}
            <code>{element.path}</code>: {element.reason}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

interface Adopted {
  previous: PerimeterConfig;
  config: PerimeterConfig;
  unmapped: UnmappedElement[];
  notes: string[];
  /** What Adopt kept of the builder's choices instead of taking the policy's. */
  kept: string[];
}

/** A choice where the builder and the policy disagree, and which side the user keeps. */
interface Disagreement {
  mine: readonly string[];
  theirs: readonly string[];
  keep: 'mine' | 'theirs';
}

interface AdoptQuestion {
  organizationIds?: Disagreement;
  regions?: Disagreement;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** Where the policy names other organization ids or regions than the builder has. */
function disagreements(current: PerimeterConfig, adopted: PerimeterConfig): AdoptQuestion {
  const question: AdoptQuestion = {};
  for (const field of ['organizationIds', 'regions'] as const) {
    const mine = current[field];
    const theirs = adopted[field];
    if (mine.length > 0 && theirs.length > 0 && !sameList(mine, theirs))
      question[field] = { mine, theirs, keep: 'mine' };
  }
  return question;
}

/**
 * The configuration Adopt loads: the policy's choices, with the builder's organization ids and
 * regions where the policy names none or the user keeps theirs, and the service shown where the
 * policy's own cannot be told (the text being edited is that service's policy).
 */
function mergedConfig(
  current: PerimeterConfig,
  adopted: PerimeterConfig,
  question: AdoptQuestion,
  shownService: ServiceId | undefined,
): { config: PerimeterConfig; kept: string[] } {
  const config = { ...adopted };
  const kept: string[] = [];
  if (adopted.services.length === 0 && shownService !== undefined) {
    config.services = [shownService];
    kept.push(`the endpoint service shown (${shownService})`);
  }
  for (const [field, words] of [
    ['organizationIds', 'organization id'],
    ['regions', 'regions'],
  ] as const) {
    const keepMine =
      (adopted[field].length === 0 && current[field].length > 0) ||
      question[field]?.keep === 'mine';
    if (keepMine) {
      if (field === 'regions') config.regions = [...current.regions];
      else config.organizationIds = [...current.organizationIds];
      kept.push(`your ${words} (${current[field].join(', ')})`);
    }
  }
  return { config, kept };
}

function DisagreementChoice({
  label,
  disagreement,
  onChange,
}: {
  label: string;
  disagreement: Disagreement;
  onChange(keep: 'mine' | 'theirs'): void;
}) {
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="body2">{label}</Typography>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={disagreement.keep}
        onChange={(_event, keep: 'mine' | 'theirs' | null) => keep && onChange(keep)}
        aria-label={label}
        sx={{ flexWrap: 'wrap', '& .MuiToggleButton-root': { py: 0.25 } }}
      >
        <ToggleButton value="mine">Keep mine: {disagreement.mine.join(', ')}</ToggleButton>
        <ToggleButton value="theirs">
          Take the policy&apos;s: {disagreement.theirs.join(', ')}
        </ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
}

export interface RecognitionSummaryProps {
  recognition: PolicyRecognition;
  /** True when the recognition is of an earlier, valid version of the text (the current one has JSON errors). */
  stale: boolean;
  onReveal(range: TextRange): void;
}

export const RecognitionSummary = memo(function RecognitionSummary({
  recognition,
  stale,
  onReveal,
}: RecognitionSummaryProps) {
  const ids = useId();
  const store = useBuilderStoreApi();
  const { replaceConfig, setPreviewService } = useBuilderActions();
  const [adopted, setAdopted] = useState<Adopted>();
  const [refusal, setRefusal] = useState<string[]>();
  const [question, setQuestion] = useState<AdoptQuestion>();
  const { adoption, service, missing } = recognition;
  const recognizedCount = recognition.statements.filter((s) => s.statement).length;

  /** Adopts at once, or first asks which organization ids and regions to keep when they differ. */
  const adopt = (answered?: AdoptQuestion) => {
    const previous = store.getState().config;
    const asked = answered ?? disagreements(previous, adoption.config);
    if (!answered && (asked.organizationIds || asked.regions)) {
      setQuestion(asked);
      return;
    }
    setQuestion(undefined);
    const { config: merged, kept } = mergedConfig(
      previous,
      adoption.config,
      asked,
      previewedService(previous, store.getState().view, catalog),
    );
    const checked = validateConfigValue(merged);
    if (!checked.config) {
      setRefusal(checked.diagnostics.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`));
      return;
    }
    setRefusal(undefined);
    replaceConfig(checked.config);
    if (service) setPreviewService(service.id);
    setAdopted({
      previous,
      config: checked.config,
      unmapped: adoption.unmapped,
      notes: adoption.notes,
      kept,
    });
  };

  return (
    // Sids, paths and ARNs come from the text as written, often long words: they wrap anywhere
    // rather than widen the page.
    <Box
      component="section"
      aria-labelledby={`${ids}-title`}
      sx={{ mt: 2, overflowWrap: 'anywhere' }}
    >
      <Typography id={`${ids}-title`} variant="h3">
        What the policy contains
      </Typography>
      {stale && (
        <Typography variant="caption" color="text.secondary" component="p">
          The current text cannot be read as a policy (see the problems): this is what its last
          readable version contained.
        </Typography>
      )}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {service ? (
          <>
            Endpoint service: <strong>{catalog.service(service.id)?.title ?? service.id}</strong> (
            {service.id}
            {service.basis === 'guess' ? ', guessed from its actions and resources' : ''})
          </>
        ) : (
          'Endpoint service: not recognized.'
        )}
        {recognition.regions.length > 0 ? ` · Regions: ${recognition.regions.join(', ')}` : ''}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {recognizedCount} of {recognition.statements.length} statement
        {recognition.statements.length === 1 ? '' : 's'} recognized:
      </Typography>
      <Box component="ol" aria-label="Recognized statements" sx={{ m: 0, pl: 3 }}>
        {recognition.statements.map((statement) => (
          <li key={statement.index}>
            <Typography variant="body2" component="span">
              <Button
                size="small"
                sx={{ p: 0, minWidth: 0, verticalAlign: 'baseline', textAlign: 'left' }}
                onClick={() => onReveal(statement.range)}
              >
                {statement.sid ?? `Statement ${statement.index + 1}`}
              </Button>
              {': '}
              {statement.statement
                ? `${catalog.statement(statement.statement).title} (${BASIS_TEXT[statement.basis ?? 'sid-and-shape']})`
                : 'not a perimeter statement'}
              {statement.dataAccessPatterns.length > 0
                ? `, ${statement.dataAccessPatterns.length} data access pattern${statement.dataAccessPatterns.length === 1 ? '' : 's'}`
                : ''}
            </Typography>
          </li>
        ))}
      </Box>
      {recognition.dataAccessPatterns.length > 0 && (
        <>
          <Typography variant="body2" sx={{ mt: 1 }}>
            Data access patterns:
          </Typography>
          <Box component="ul" aria-label="Recognized data access patterns" sx={{ m: 0, pl: 3 }}>
            {recognition.dataAccessPatterns.map((pattern) => (
              <li key={pattern.id}>
                <Typography variant="body2" component="span">
                  {pattern.title}
                  {pattern.complete
                    ? ''
                    : ` (partly: ${pattern.missingValues.length} value${pattern.missingValues.length === 1 ? '' : 's'} and ${pattern.missingActions.length} action${pattern.missingActions.length === 1 ? '' : 's'} missing)`}
                </Typography>
              </li>
            ))}
          </Box>
        </>
      )}
      {(missing.statements.length > 0 || missing.dataAccessPatterns.length > 0) && (
        <>
          <Typography variant="body2" sx={{ mt: 1 }}>
            Recommended for {service?.id ?? 'this service'} but missing:
          </Typography>
          <Box
            component="ul"
            aria-label="Missing recommended statements and patterns"
            sx={{ m: 0, pl: 3 }}
          >
            {missing.statements.map((sid) => (
              <li key={sid}>
                <Typography variant="body2" component="span">
                  Statement {catalog.statement(sid).title} ({sid})
                </Typography>
              </li>
            ))}
            {missing.dataAccessPatterns.map((id) => (
              <li key={id}>
                <Typography variant="body2" component="span">
                  Pattern {catalog.pattern(id)?.title ?? id}
                </Typography>
              </li>
            ))}
          </Box>
        </>
      )}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 1.5 }}>
        <Button
          variant="contained"
          onClick={() => adopt()}
          disabled={stale || question !== undefined}
          aria-describedby={`${ids}-adopt`}
        >
          Adopt
        </Button>
        <Typography
          id={`${ids}-adopt`}
          variant="caption"
          color="text.secondary"
          sx={{ flex: '1 1 240px' }}
        >
          {stale
            ? 'Fix the problems that keep the text from being read to adopt this policy.'
            : 'Load the recognized choices into the builder, in place of the current ones.'}
          {!stale && adoption.unmapped.length > 0 && !adopted
            ? ` ${adoption.unmapped.length} element${adoption.unmapped.length === 1 ? '' : 's'} cannot be mapped (listed below).`
            : ''}
        </Typography>
      </Box>
      {question && (
        <Alert severity="info" role="group" aria-label="Before adopting" sx={{ mt: 1 }}>
          The policy names other values than your choices. Which do you keep?
          {question.organizationIds && (
            <DisagreementChoice
              label="Organization id"
              disagreement={question.organizationIds}
              onChange={(keep) =>
                setQuestion({
                  ...question,
                  organizationIds: { ...question.organizationIds!, keep },
                })
              }
            />
          )}
          {question.regions && (
            <DisagreementChoice
              label="Regions"
              disagreement={question.regions}
              onChange={(keep) =>
                setQuestion({ ...question, regions: { ...question.regions!, keep } })
              }
            />
          )}
          <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
            <Button variant="contained" onClick={() => adopt(question)}>
              Adopt with these
            </Button>
            <Button onClick={() => setQuestion(undefined)}>Cancel</Button>
          </Box>
        </Alert>
      )}
      {refusal && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          The recognized choices are not a valid configuration: {refusal.join(' ')}
        </Alert>
      )}
      {adopted && (
        <Alert
          severity={adopted.unmapped.length > 0 ? 'warning' : 'success'}
          role="status"
          sx={{ mt: 1 }}
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                replaceConfig(adopted.previous);
                setAdopted(undefined);
              }}
            >
              Undo adopt
            </Button>
          }
        >
          Loaded into the builder: {adopted.config.services.join(', ')}
          {adopted.config.regions.length > 0
            ? ` in ${adopted.config.regions.join(', ')}`
            : ', no region'}
          {adopted.config.organizationIds.length > 0
            ? `, organization ${adopted.config.organizationIds.join(', ')}`
            : ', no organization id'}
          .{adopted.kept.length > 0 ? ` Kept ${adopted.kept.join(' and ')}.` : ''}{' '}
          {adopted.unmapped.length > 0
            ? `${adopted.unmapped.length} element${adopted.unmapped.length === 1 ? '' : 's'} could not be mapped and are not in the generated policy:`
            : 'Everything in the policy was mapped.'}
        </Alert>
      )}
      {(adopted?.unmapped ?? adoption.unmapped).length > 0 && (
        <>
          <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
            Not mapped by Adopt
          </Typography>
          <UnmappedList unmapped={adopted?.unmapped ?? adoption.unmapped} onReveal={onReveal} />
        </>
      )}
      {(adopted?.notes ?? adoption.notes).length > 0 && (
        <Box component="ul" aria-label="Adoption notes" sx={{ m: 0, mt: 1, pl: 2.5 }}>
          {(adopted?.notes ?? adoption.notes).map((note) => (
            <li key={note}>
              <Typography variant="caption">{note}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
});
