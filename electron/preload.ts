/**
 * The only bridge into the renderer: invoke a contract channel, and listen to
 * progress. ipcRenderer itself never crosses.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, type ProgressEvent } from '../shared/contract';

contextBridge.exposeInMainWorld('cauNoi', {
  transport: 'electron',
  invoke(channel: string, input: unknown) {
    if (!isChannelName(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
    return ipcRenderer.invoke('cau-noi:invoke', channel, input);
  },
  onProgress(listener: (event: ProgressEvent) => void) {
    const wrapped = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on('cau-noi:progress', wrapped);
    return () => {
      ipcRenderer.removeListener('cau-noi:progress', wrapped);
    };
  },
});
