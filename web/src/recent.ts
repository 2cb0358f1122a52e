// The matching runs and meetings this browser created or opened, newest
// first. The API has no list of runs or meetings, so the back office finds
// its recent ones here (ids only; the records themselves are always read
// from the server under the reader's access).
const LIMIT = 10;

function read(key: string): string[] {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function remember(key: string, id: string): string[] {
  const next = [id, ...read(key).filter((v) => v !== id)].slice(0, LIMIT);
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(next));
  } catch {
    /* storage unavailable */
  }
  return next;
}

export const rememberRun = (id: string) => remember('tallinn.runs', id);
export const rememberedRuns = () => read('tallinn.runs');
export const rememberMeeting = (id: string) => remember('tallinn.meetings', id);
export const rememberedMeetings = () => read('tallinn.meetings');
