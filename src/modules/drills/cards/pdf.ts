/**
 * Printable inject cards (PDF, pdfkit): one A4 page per inject for a facilitator of an in-person
 * site, with the EXERCISE banner at the top and bottom of every page. Text is set in Noto Sans JP
 * (SIL Open Font Licence, shipped by the @expo-google-fonts/noto-sans-jp package), which covers
 * Latin with Vietnamese diacritics and Japanese; pdfkit embeds only the glyphs used.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type CardLanguage, duration, labels } from './labels.js';

export interface CardExpectation {
  kind: keyof (typeof labels)['en']['kinds'];
  description: string;
  deadlineMs: number;
  /** The deadline in the site's local time, when the inject's time is known. */
  deadlineLocal: string | null;
  score: number;
  per: 'any' | 'every';
}

export interface Card {
  ref: string;
  title: string;
  content: string;
  tPlus: string;
  /** "2026-11-28 21:03 (UTC+07:00, Asia/Ho_Chi_Minh)", or null before a start time is set. */
  scheduledLocal: string | null;
  channel: 'inbox' | 'email' | 'webhook';
  condition: string | null;
  expectations: CardExpectation[];
}

export interface CardSet {
  lang: CardLanguage;
  exerciseName: string;
  teamName: string;
  siteName: string | null;
  timeZone: string;
  cards: Card[];
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  // Read once per process: the files are large, the embedded subsets small.
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf')),
  };
  return fonts;
}

const RED = '#c92a2a';
const GREY = '#495057';
const MARGIN = 48;

export function renderCards(set: CardSet): Promise<Buffer> {
  const l = labels[set.lang];
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 30, bottom: MARGIN + 30, left: MARGIN, right: MARGIN },
    info: { Title: `EXERCISE — ${set.exerciseName} — ${set.teamName}`, Creator: 'Kizuna' },
    lang: set.lang,
    autoFirstPage: false,
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const banner = l.exercise === 'EXERCISE' ? 'EXERCISE  ·  EXERCISE  ·  EXERCISE' : `EXERCISE  ·  ${l.exercise}  ·  EXERCISE`;
  const width = () => doc.page.width - MARGIN * 2;
  // Every page, also one a long inject text runs onto, says EXERCISE at its top and bottom.
  doc.on('pageAdded', () => {
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    for (const top of [MARGIN - 20, doc.page.height - MARGIN - 4]) {
      doc.save().rect(MARGIN, top, width(), 22).fill(RED).restore();
      doc
        .font('bold')
        .fontSize(11)
        .fillColor('white')
        .text(banner, MARGIN, top + 4, { width: width(), align: 'center', lineBreak: false });
    }
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
    doc.x = x;
    doc.y = y;
  });

  const field = (name: string, value: string) => {
    doc.font('bold').fontSize(10).fillColor(GREY).text(`${name}: `, { continued: true });
    doc.font('regular').fillColor('black').text(value);
  };

  set.cards.forEach((card, i) => {
    doc.addPage();
    doc.x = MARGIN;
    doc.y = MARGIN + 20;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(`${set.exerciseName}  —  ${l.card(i + 1, set.cards.length)}  —  ${card.ref}`);
    field(l.team, set.teamName);
    if (set.siteName) field(l.site, set.siteName);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(18).fillColor('black').text(card.title);
    doc.moveDown(0.4);
    field(l.scheduled, card.scheduledLocal ? `${card.scheduledLocal}  (${card.tPlus})` : `${card.tPlus} — ${l.notScheduled}`);
    field(l.channel, l.channels[card.channel]);
    if (card.condition) field(l.condition, card.condition);
    doc.moveDown(0.6);
    doc
      .font('regular')
      .fontSize(11)
      .fillColor('black')
      .text(card.content || '—', { lineGap: 2 });
    doc.moveDown(1);
    doc.font('bold').fontSize(13).text(l.expectations);
    doc.moveDown(0.3);
    if (!card.expectations.length) doc.font('regular').fontSize(10).text(l.none);
    for (const x of card.expectations) {
      const due = `${l.deadline(duration(x.deadlineMs))}${x.deadlineLocal ? ` — ${l.deadlineAt} ${x.deadlineLocal}` : ''}`;
      doc.font('bold').fontSize(11).text(`□ ${l.kinds[x.kind]}  ·  ${l.score} ${x.score}  ·  ${l.per[x.per]}`);
      if (x.description) doc.font('regular').fontSize(10).text(x.description, { indent: 14 });
      doc.font('regular').fontSize(10).fillColor(GREY).text(due, { indent: 14 });
      doc.fillColor('black').text(`${l.record}: ${l.toRecord[x.kind]}`, { indent: 14 });
      doc.text(`${l.recordedAt}: ____________    ${l.answer}: ________________________________`, { indent: 14 });
      doc.moveDown(0.6);
    }
    doc.moveDown(0.5);
    doc.font('regular').fontSize(10).fillColor(GREY).text(`${l.facilitator}: ______________________`);
  });
  if (!set.cards.length) {
    doc.addPage();
    doc
      .font('regular')
      .fontSize(12)
      .text(`${set.exerciseName} — ${set.teamName}: ${l.none}`, MARGIN, MARGIN + 20);
  }
  doc.end();
  return done;
}
