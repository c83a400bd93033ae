import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './api';

// The page gets this one object and nothing else from Electron or Node.
contextBridge.exposeInMainWorld('workstation', createDesktopApi(ipcRenderer));
