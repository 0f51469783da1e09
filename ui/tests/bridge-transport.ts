// Test builds only (`vite build --mode bridge`): stands in for `@tauri-apps/api/core`, so that the
// real app talks to the real core through the UI test bridge (`bridge/`) on the page's own origin.
// A command is `POST /invoke/<cmd>` with its arguments as JSON; the answer carries the command's
// output or its error, and the progress messages it reported, which go to the command's Channel
// before the promise settles.

/** A stand-in for Tauri's `Channel`: receives the progress messages of one command. */
export class Channel<T = unknown> {
  onmessage: (message: T) => void;

  constructor(onmessage?: (message: T) => void) {
    this.onmessage = onmessage ?? (() => {});
  }
}

type Answer = { ok?: unknown; error?: unknown; progress?: unknown[] };

/** Runs `cmd` in the core; rejects with the core's `{code, message, field}`. */
export async function invoke<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
  const sent: Record<string, unknown> = {};
  const channels: Channel[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value instanceof Channel) channels.push(value as Channel);
    else sent[key] = value;
  }
  // No arguments: no body (the bridge records the call's arguments as null).
  const body = Object.keys(sent).length > 0 ? JSON.stringify(sent) : undefined;
  const response = await fetch(`/invoke/${encodeURIComponent(cmd)}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw `Testbrücke: ${response.status} ${await response.text()}`;
  const answer = (await response.json()) as Answer;
  for (const message of answer.progress ?? []) {
    for (const channel of channels) channel.onmessage(message);
  }
  if ('error' in answer) throw answer.error;
  return answer.ok as T;
}
