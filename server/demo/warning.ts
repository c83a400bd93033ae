import { DEMO_PASSWORD } from './base-data';

/** Logged at warn level when the demo desk listens beyond this machine: its accounts and API key are published. */
export function demoOnNetworkWarning(url: string): string {
  return [
    `DEMO MODE ON A NETWORK ADDRESS (${url}):`,
    `anyone who reaches it can sign in with the published demo accounts (password ${DEMO_PASSWORD}) and use the`,
    'published demo API key. Keep --demo on 127.0.0.1, or run a real desk (docs/deploy.md).',
  ].join(' ');
}
