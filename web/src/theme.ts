import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep indigo-navy: calm, readable on white, and distinct from the red and amber of alerts and TLP. */
const kizuna: MantineColorsTuple = [
  '#eef3fa',
  '#dbe4f1',
  '#b3c6e3',
  '#88a6d5',
  '#658bc9',
  '#4e7ac2',
  '#4171c0',
  '#3260a9',
  '#285596',
  '#1c3d6e',
];

export const theme = createTheme({
  primaryColor: 'kizuna',
  primaryShade: 7,
  colors: { kizuna },
  // System fonts only: the console must work on nodes with no internet access, and the content
  // security policy allows no font hosts. The list covers Vietnamese and Japanese glyphs.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { shadow: 'md' } } },
    Tooltip: { defaultProps: { withArrow: true, fz: 'xs' } },
  },
});
