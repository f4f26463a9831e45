/** The top bar: the product's name and the actions on the whole work (share, import, export, reset, theme). */
import MoreVert from '@mui/icons-material/MoreVert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { VISUALLY_HIDDEN } from '@/shared/react/visually-hidden';
import { memo, useState } from 'react';
import { lazyComponent } from '@/shared/react/lazy-component';
import { useBuilderActions, useBuilderStoreApi, useBuilder } from '@/state/builder-store';
import { THEME_MODES } from '@/state/defaults';
import { unsavedFields, unsavedFieldsSentence } from '@/state/unsaved-fields';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { describePath } from '@/shared/catalog/control-places';

const ShareLinkDialog = lazyComponent(
  () => import('@/features/config-io/components/share-link-dialog'),
);
const ImportConfigDialog = lazyComponent(
  () => import('@/features/config-io/components/import-config-dialog'),
);
const ResetDialog = lazyComponent(() => import('@/features/config-io/components/reset-dialog'));

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

/** The actions on the whole work; on a phone they sit in a menu so that the header stays one line. */
function WorkActions({ onOpen, onExport }: { onOpen(dialog: OpenDialog): void; onExport(): void }) {
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const mode = useBuilder((state) => state.view.themeMode);
  const { setThemeMode } = useBuilderActions();
  const next = THEME_MODES[(THEME_MODES.indexOf(mode) + 1) % THEME_MODES.length]!;
  const actions: { label: string; act(): void; preload?: () => void }[] = [
    { label: 'Share link', act: () => onOpen('share'), preload: ShareLinkDialog.preload },
    { label: 'Import config', act: () => onOpen('import'), preload: ImportConfigDialog.preload },
    { label: 'Export config', act: onExport },
    { label: 'Reset', act: () => onOpen('reset'), preload: ResetDialog.preload },
  ];
  return (
    <>
      <Box sx={{ display: { xs: 'none', sm: 'flex' }, gap: 0.5, flexWrap: 'wrap' }}>
        {actions.map(({ label, act, preload }) => (
          <Button
            key={label}
            color="inherit"
            onClick={act}
            // The dialog's code starts loading as the pointer or the focus comes to its button.
            onPointerEnter={preload}
            onFocus={preload}
          >
            {label}
          </Button>
        ))}
        <ThemeButton />
      </Box>
      <IconButton
        color="inherit"
        aria-label="Menu: share, import, export, reset, theme"
        aria-haspopup="menu"
        aria-expanded={menuAnchor !== null}
        onClick={(event) => setMenuAnchor(event.currentTarget)}
        sx={{ display: { xs: 'inline-flex', sm: 'none' } }}
      >
        <MoreVert />
      </IconButton>
      <Menu anchorEl={menuAnchor} open={menuAnchor !== null} onClose={() => setMenuAnchor(null)}>
        {actions.map(({ label, act }) => (
          <MenuItem
            key={label}
            onClick={() => {
              setMenuAnchor(null);
              act();
            }}
          >
            {label}
          </MenuItem>
        ))}
        <MenuItem onClick={() => setThemeMode(next)}>
          Theme: {mode}, switch to {next}
        </MenuItem>
      </Menu>
    </>
  );
}

export const AppHeader = memo(function AppHeader() {
  const [dialog, setDialog] = useState<OpenDialog>();
  // The browser shows a saved file in its own bar; a screen reader is told here.
  const [saved, setSaved] = useState('');
  const store = useBuilderStoreApi();
  const close = () => setDialog(undefined);
  const { pushNotice } = useBuilderActions();
  const exportConfig = async () => {
    const { saveFile } = await import('@/shared/browser-io/save-file');
    saveFile('perimeter.json', `${JSON.stringify(store.getState().config, null, 2)}\n`);
    setSaved(`Saved the configuration as perimeter.json at ${new Date().toLocaleTimeString()}.`);
    const leftOut = unsavedFieldsSentence(unsavedFields(), 'The file perimeter.json', (path) =>
      describePath(path, choicesCatalog),
    );
    if (leftOut)
      pushNotice({
        id: 'export-left-out',
        severity: 'warning',
        title: leftOut,
        details: [],
        actions: [],
      });
  };

  return (
    <AppBar position="static">
      <Toolbar variant="dense" sx={{ gap: 1, minHeight: { xs: 44 }, px: { xs: 1.5, sm: 2 } }}>
        <Typography
          variant="h1"
          sx={{ flexGrow: 1, fontSize: { xs: '1.05rem', sm: '1.25rem' }, whiteSpace: 'nowrap' }}
        >
          VPC endpoint policy builder
        </Typography>
        <WorkActions onOpen={setDialog} onExport={() => void exportConfig()} />
        <Box role="status" sx={VISUALLY_HIDDEN}>
          {saved}
        </Box>
      </Toolbar>
      {dialog === 'share' && <ShareLinkDialog onClose={close} />}
      {dialog === 'import' && <ImportConfigDialog onClose={close} />}
      {dialog === 'reset' && <ResetDialog onClose={close} />}
    </AppBar>
  );
});
