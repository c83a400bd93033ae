import { bindingFor, formatKeys, type KeyAction } from '../../../shared/keymap';
import { isMacPlatform } from './dispatcher';

/** The first key of an action, as this platform writes it: the hint beside a control that the key also works. */
export const keyHint = (action: KeyAction): string => formatKeys(bindingFor(action).keys[0] ?? '', isMacPlatform());
