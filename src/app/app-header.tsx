/** The top bar: the product's name and the actions on the whole work (share, import, export, reset, theme). */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { useBuilderActions, useBuilderStoreApi, useBuilder } from '@/state/builder-store';
import { THEME_MODES } from '@/state/defaults';

const ShareLinkDialog = lazy(() => import('@/features/config-io/components/share-link-dialog'));
const ImportConfigDialog = lazy(
  () => import('@/features/config-io/components/import-config-dialog'),
);
const ResetDialog = lazy(() => import('@/features/config-io/components/reset-dialog'));

type OpenDialog = 'share' | 'import' | 'reset' | undefined;

/** Cycles system → light → dark; the label says the current theme and the next. */
function ThemeButton() {
  const mode = useBuilder((state) => state.view.themeMode);
  const { setThemeMode } = useBuilderActions();
  const next = THEME_MODES[(THEME_MODES.indexOf(mode) + 1) % THEME_MODES.length]!;
  return (
    <Button
      color="inherit"
      aria-label={`Theme: ${mode}, switch to ${next}`}
      onClick={() => setThemeMode(next)}
    >
      Theme: {mode}
    </Button>
  );
}

export function AppHeader() {
  const [dialog, setDialog] = useState<OpenDialog>();
  const store = useBuilderStoreApi();
  const close = () => setDialog(undefined);
  const exportConfig = async () => {
    const { saveFile } = await import('@/shared/browser-io/save-file');
    saveFile('perimeter.json', `${JSON.stringify(store.getState().config, null, 2)}\n`);
  };

  return (
    <AppBar position="static">
      <Toolbar variant="dense" sx={{ gap: 1, flexWrap: 'wrap', py: 0.5 }}>
        <Typography variant="h1" sx={{ flexGrow: 1, minWidth: 220 }}>
          VPC endpoint policy builder
        </Typography>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
          <Button color="inherit" onClick={() => setDialog('share')}>
            Share link
          </Button>
          <Button color="inherit" onClick={() => setDialog('import')}>
            Import config
          </Button>
          <Button color="inherit" onClick={() => void exportConfig()}>
            Export config
          </Button>
          <Button color="inherit" onClick={() => setDialog('reset')}>
            Reset
          </Button>
          <ThemeButton />
        </Box>
      </Toolbar>
      <Suspense fallback={null}>
        {dialog === 'share' && <ShareLinkDialog onClose={close} />}
        {dialog === 'import' && <ImportConfigDialog onClose={close} />}
        {dialog === 'reset' && <ResetDialog onClose={close} />}
      </Suspense>
    </AppBar>
  );
}
