/**
 * Who is in the chapter now: coloured initials plus the full name and organisation (never
 * colour alone). Arrivals and departures are announced politely for screen-reader users.
 */
import { useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { presentPeople, textColorOn, initials, type PresentPerson } from '../collab/presence.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';

function usePresence(provider: WebsocketProvider): PresentPerson[] {
  const [people, setPeople] = useState(() => presentPeople(provider.awareness));
  useEffect(() => {
    const update = () => setPeople(presentPeople(provider.awareness));
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return people;
}

export function PresenceAvatars({ provider }: { provider: WebsocketProvider }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const people = usePresence(provider);
  const previous = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    const now = new Map(people.filter((p) => !p.isMe).map((p) => [p.userId, p.name]));
    if (previous.current) {
      for (const [id, name] of now) if (!previous.current.has(id)) announce(t('editor.remoteJoined', { name }));
      for (const [id, name] of previous.current) if (!now.has(id)) announce(t('editor.remoteLeft', { name }));
    }
    previous.current = now;
  }, [people, announce, t]);

  return (
    <section aria-labelledby="presence-title" className="presence">
      <h2 id="presence-title" className="visually-hidden">{t('editor.presence')}</h2>
      <ul className="avatars" aria-label={t('editor.presenceCount', { count: people.length })}>
        {people.map((p) => (
          <li key={p.userId} className="avatar-item" data-user-id={p.userId}>
            <span className="avatar" aria-hidden="true" style={{ backgroundColor: p.color, color: textColorOn(p.color) }}>{initials(p.name)}</span>
            <span className="avatar-name">
              {p.name}{p.isMe ? ` ${t('editor.presenceYou')}` : ''}
              <span className="avatar-org">{p.organization}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
