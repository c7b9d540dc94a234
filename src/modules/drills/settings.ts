/**
 * Process-wide drill settings that the HTTP app and the worker both know: the node's public URL
 * (the {link} variable and links in e-mails). Set once at start-up; a default keeps tests simple.
 */
export const drillSettings = {
  publicUrl: process.env.KIZUNA_PUBLIC_URL ?? 'http://localhost:8080',
};

export function inboxLink(exerciseId: string): string {
  return `${drillSettings.publicUrl}/drills/${exerciseId}/inbox`;
}

/** A communication check's personal acknowledgement page (public, no log-in). */
export function ackLink(token: string): string {
  return `${drillSettings.publicUrl}/ack/${token}`;
}
