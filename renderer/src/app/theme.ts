import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/** Calm and dense: neutral greys, small controls, colour only where it means something (priority, SLA state). */
export const theme = createTheme({
  primaryColor: 'indigo',
  // People who ask their OS for less motion get dialogs and menus without transitions.
  respectReducedMotion: true,
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    Autocomplete: { defaultProps: { size: 'xs' } },
    Badge: { defaultProps: { size: 'sm', radius: 'sm' } },
    // Mantine's close button is an icon: without a name a screen reader announces only "button".
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const PRIORITY_COLORS = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' } as const;

/**
 * Variables Mantine derives from the theme are injected after our stylesheet, so overrides of those go here. In the
 * light scheme Mantine's light-variant and filled colours (badges, chips, links) fall under 4.5:1 for small text.
 */
/** Conflicts' badge and buttons: Mantine's filled orange under white text is 2.6:1 (light) and 3.6:1 (dark); this is 5.5:1. */
const FILLED_ORANGE = {
  '--mantine-color-orange-filled': '#b34700',
  '--mantine-color-orange-filled-hover': '#9c3900',
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...FILLED_ORANGE,
    '--mantine-color-anchor': 'var(--mantine-color-indigo-9)',
    '--mantine-color-indigo-filled': 'var(--mantine-color-indigo-8)',
    '--mantine-color-indigo-filled-hover': 'var(--mantine-color-indigo-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-orange-light-color': '#9c3900',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-teal-light-color': '#066a4c',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-color-yellow-light-color': '#6e5100',
    '--mantine-color-gray-outline': 'var(--mantine-color-gray-8)',
  },
  dark: {
    ...FILLED_ORANGE,
  },
});
