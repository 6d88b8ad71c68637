/** The current time, refreshed every minute, so relative times („5 minut temu”) stay true. */
import { useEffect, useState } from 'react';

export const NOW_REFRESH_MS = 60_000;

export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), NOW_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
