/**
 * The one theme of the app: light and dark colour schemes switched by a class on <html>, the
 * system font stack (no web font, no request to another origin), and component defaults grouped
 * by kind so that components themselves stay free of ad-hoc styling.
 */
import { createTheme } from '@mui/material/styles';
import { monospaceFontStack } from '@/shared/editor/fonts';

export const systemFontStack = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"Noto Sans"',
  'sans-serif',
].join(',');

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: {
      palette: {
        // Text on coloured buttons and badges is picked to keep a 4.5:1 contrast (MUI's default is 3).
        contrastThreshold: 4.5,
        primary: { main: '#1f5fa8' },
        secondary: { main: '#7a3e9d' },
        // Darker than MUI's defaults so that text in these colours keeps a 4.5:1 contrast.
        warning: { main: '#9a5b00' },
        success: { main: '#2e6b30' },
        background: { default: '#f5f7fa' },
      },
    },
    dark: {
      palette: {
        contrastThreshold: 4.5,
        primary: { main: '#8ab4f8' },
        secondary: { main: '#d7aefb' },
        background: { default: '#0f1115', paper: '#171a21' },
      },
    },
  },
  typography: {
    fontFamily: systemFontStack,
    h1: { fontSize: '1.25rem', fontWeight: 600 },
    h2: { fontSize: '1.05rem', fontWeight: 600 },
    h3: { fontSize: '0.95rem', fontWeight: 600 },
  },
  shape: { borderRadius: 6 },
  components: {
    // Surfaces
    MuiPaper: { defaultProps: { variant: 'outlined' } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'primary' } },
    // Inputs
    MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
    MuiAutocomplete: { defaultProps: { size: 'small' } },
    MuiButton: {
      defaultProps: { size: 'small' },
      styleOverrides: { root: { textTransform: 'none' } },
    },
    MuiTab: { styleOverrides: { root: { textTransform: 'none', minHeight: 40 } } },
    MuiTabs: { styleOverrides: { root: { minHeight: 40 } } },
    MuiToggleButton: {
      defaultProps: { size: 'small' },
      styleOverrides: { root: { textTransform: 'none' } },
    },
    // Code
    MuiCssBaseline: {
      styleOverrides: {
        'code, pre, kbd': { fontFamily: monospaceFontStack },
        // A reader who asks the system for less motion gets none: no transitions or animations.
        '@media (prefers-reduced-motion: reduce)': {
          '*, *::before, *::after': {
            transitionDuration: '0s !important',
            transitionDelay: '0s !important',
            animationDuration: '0s !important',
            animationIterationCount: '1 !important',
            scrollBehavior: 'auto !important',
          },
        },
      },
    },
  },
});
