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
  },
});

export const PRIORITY_COLORS = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' } as const;

/**
 * Variables Mantine derives from the theme are injected after our stylesheet, so overrides of those go here: links
 * in the light scheme need a darker indigo to reach 4.5:1 at small sizes.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-anchor': 'var(--mantine-color-indigo-9)' },
  dark: {},
});
