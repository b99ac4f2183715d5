import { create } from 'zustand';
import { core, type ConnectionSnapshot } from '../bridge';

export const useConnection = create<ConnectionSnapshot>(() => core.connection());

export function bindConnection(): () => void {
  return core.onConnection((snapshot) => useConnection.setState(snapshot, true));
}

export function retryConnection(): void {
  core.retryNow();
}
