import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('workstation', { shell: 'desktop' });
