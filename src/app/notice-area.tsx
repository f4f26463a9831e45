/**
 * Messages about the work as a whole (a saved state or link that could not be used, a link that
 * was opened, another tab's changes), each with what the user can do about it. Part of the first
 * screen, so that a message there from the start (a shared link being checked) is drawn with it
 * and its outcome replaces it in place instead of pushing the page down a second after it was
 * drawn; what the actions need is loaded when one is pressed.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { memo } from 'react';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { loadConfigValidator } from '@/state/config-validator';
import { BEFORE_LINK_KEY, readRejected, STATE_KEY } from '@/state/persistence';
import type { Notice, NoticeAction } from '@/state/session-slice';
import { focusIfLost } from '@/shared/react/focus-if-lost';
import { useAppStart } from './app-context';

/**
 * A message that goes away takes the focus with it, which would fall to the page's top: it goes
 * to the workspace instead, where the next Tab reaches the first choice.
 */
function focusWorkspace(): void {
  requestAnimationFrame(() => focusIfLost(document.querySelector<HTMLElement>('main')));
}

function NoticeAlert({ notice }: { notice: Notice }) {
  const store = useBuilderStoreApi();
  const { storage } = useAppStart();
  const { dismissNotice: dismiss, undoDiscard } = useBuilderActions();
  const dismissNotice = (id: string) => {
    dismiss(id);
    focusWorkspace();
  };
  const act = async (action: NoticeAction) => {
    if (action.kind === 'undo-discard') {
      undoDiscard();
      dismissNotice(notice.id);
      return;
    }
    if (action.kind === 'take-other-tab' || action.kind === 'keep-this-tab') {
      const { settleOtherTab } = await import('@/state/tab-sync');
      settleOtherTab(store, storage, action.kind === 'take-other-tab' ? 'theirs' : 'mine');
      dismissNotice(notice.id);
      return;
    }
    if (action.kind === 'save-rejected') {
      const rejected = readRejected(storage);
      const { saveFile } = await import('@/shared/browser-io/save-file');
      if (rejected)
        saveFile(
          `rejected-${rejected.source === 'link' ? 'link' : 'saved-state'}.txt`,
          rejected.text,
          'text/plain',
        );
      return;
    }
    const [validate, { openStoredChoices }] = await Promise.all([
      loadConfigValidator(),
      import('@/state/startup-checks'),
    ]);
    if (
      openStoredChoices(
        store,
        storage,
        action.kind === 'undo-link' ? BEFORE_LINK_KEY : STATE_KEY,
        validate,
      )
    )
      dismissNotice(notice.id);
  };
  if (notice.busy) {
    // A check under way: a status rather than an alert, and nothing to dismiss yet. No spinner:
    // its animation would be painted again in every frame while the page is still loading.
    return (
      <Alert severity={notice.severity} role="status">
        <AlertTitle>{notice.title}</AlertTitle>
      </Alert>
    );
  }
  return (
    <Alert
      severity={notice.severity}
      onClose={() => dismissNotice(notice.id)}
      action={
        notice.actions.length > 0 ? (
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            {notice.actions.map((action) => (
              <Button
                key={action.kind}
                color="inherit"
                size="small"
                variant="outlined"
                onClick={() => void act(action)}
              >
                {action.label}
              </Button>
            ))}
          </Box>
        ) : undefined
      }
    >
      <AlertTitle>{notice.title}</AlertTitle>
      {notice.details.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {notice.details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </Box>
      )}
    </Alert>
  );
}

export const NoticeArea = memo(function NoticeArea() {
  const notices = useBuilder((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <Box
      role="region"
      aria-label="Messages"
      sx={{
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        px: { xs: 1, sm: 2 },
        pt: { xs: 1, sm: 2 },
      }}
    >
      {notices.map((notice) => (
        <NoticeAlert key={notice.id} notice={notice} />
      ))}
    </Box>
  );
});
