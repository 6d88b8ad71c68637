/** The dashboard's progress summary of one strategy (GET /api/strategies/:id/progress), re-read when the strategy changes. */
import { useEffect, useState } from 'react';
import type { ChapterProgressDto, StrategyDto, StrategyProgressDto } from '../../shared/apiTypes.ts';
import { isRecord, request } from '../apiClient/http.ts';

const isProgress = (v: unknown): v is StrategyProgressDto => isRecord(v) && typeof v.today === 'string' && Array.isArray(v.chapters);

export function useStrategyProgress(strategy: StrategyDto): Map<string, ChapterProgressDto> {
  const [byChapter, setByChapter] = useState(new Map<string, ChapterProgressDto>());
  useEffect(() => {
    let live = true;
    request<StrategyProgressDto>('GET', `/strategies/${encodeURIComponent(strategy.id)}/progress`, undefined, isProgress).then(
      (p) => live && setByChapter(new Map(p.chapters.map((c) => [c.chapterId, c]))),
      () => undefined, // the summary is an extra: the table works without it
    );
    return () => {
      live = false;
    };
  }, [strategy]);
  return byChapter;
}
