import { contextBridge, ipcRenderer } from 'electron';
import { createShellBridge } from './shell-bridge';

// Sandboxed preload: only contextBridge and ipcRenderer, and only the ShellApi functions cross to the page.
contextBridge.exposeInMainWorld(
  'iocShell',
  createShellBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
