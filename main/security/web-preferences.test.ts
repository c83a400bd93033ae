import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from './web-preferences';

describe('window security options', () => {
  it('sets every security flag of the baseline', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses them for the main window, which stays hidden until painted', () => {
    const options = mainWindowOptions({ width: 1200, height: 800 }, '/p.cjs');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options).toMatchObject({ width: 1200, height: 800, show: false });
  });
});
