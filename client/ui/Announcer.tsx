/**
 * A polite live region for short confirmations ("Dodano rozdział…") that a screen reader
 * should read without moving focus. Sighted users see the same text as a status line.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated identical message be read again.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div className="announcer" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Returns announce(message). */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
