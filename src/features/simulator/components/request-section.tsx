/**
 * The request in the form: where it comes from (a ready-made request and why, with the verdict
 * the choices call for; a saved request being changed; the user's own), the form itself, and the
 * buttons that add it to the suite or save the changes to a saved request.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, type RefObject } from 'react';
import type { DraftReading, RequestDraft } from '../request-draft';
import { RequestForm, type SelectOption } from './request-form';

export interface RequestSectionProps {
  sectionRef: RefObject<HTMLElement | null>;
  /** Where the request in the form comes from, in words. */
  caption: string;
  canGoBack: boolean;
  onBack(): void;
  draft: RequestDraft;
  reading: DraftReading;
  onDraftChange(draft: RequestDraft): void;
  services: readonly SelectOption[];
  regions: readonly SelectOption[];
  regionHelp: string | undefined;
  canAdd: boolean;
  onAdd(): void;
  /** Whether a saved request is open in the form. */
  editing: boolean;
  onSave(): void;
  onStopEditing(): void;
  notice: string | undefined;
}

export const RequestSection = memo(function RequestSection(props: RequestSectionProps) {
  const {
    sectionRef,
    caption,
    canGoBack,
    onBack,
    draft,
    reading,
    onDraftChange,
    services,
    regions,
    regionHelp,
    canAdd,
    onAdd,
    editing,
    onSave,
    onStopEditing,
    notice,
  } = props;
  return (
    <Box
      component="section"
      ref={sectionRef}
      aria-labelledby="simulator-request-heading"
      // The focus comes here when the request is opened in the form from elsewhere.
      tabIndex={-1}
      sx={{ mt: 2 }}
    >
      <Typography variant="h3" id="simulator-request-heading">
        Request
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {caption}
      </Typography>
      {canGoBack && (
        <Button onClick={onBack} sx={{ mt: 0.5 }}>
          Back to the ready-made request
        </Button>
      )}
      <RequestForm
        draft={draft}
        messages={reading.messages}
        onChange={onDraftChange}
        services={services}
        regions={regions}
        {...(regionHelp ? { regionHelp } : {})}
      />
      {reading.otherProblems.map((problem) => (
        <Typography key={problem} variant="body2" color="error.main">
          {problem}
        </Typography>
      ))}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={onAdd} disabled={!canAdd}>
          Add to suite
        </Button>
        {editing && (
          <>
            <Button variant="outlined" onClick={onSave} disabled={reading.saved === undefined}>
              Save changes
            </Button>
            <Button onClick={onStopEditing}>Stop editing</Button>
          </>
        )}
      </Box>
      {/* In the page from the start, so that a screen reader reads the notice when it comes. */}
      <Typography role="status" variant="body2" sx={{ mt: 0.5, '&:empty': { mt: 0 } }}>
        {notice}
      </Typography>
    </Box>
  );
});
