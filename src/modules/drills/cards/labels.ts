/**
 * The words printed on inject cards, in the languages of the console (en, vi, ja). Small on
 * purpose: the inject texts themselves come from the MSEL as the controllers wrote them.
 */
import type { ExpectationKind } from '../msel.js';

export const cardLanguages = ['en', 'vi', 'ja'] as const;
export type CardLanguage = (typeof cardLanguages)[number];

export interface CardLabels {
  /** Beside the English word EXERCISE, which every card carries whatever the language. */
  exercise: string;
  card: (n: number, of: number) => string;
  team: string;
  site: string;
  scheduled: string;
  notScheduled: string;
  channel: string;
  channels: Record<'inbox' | 'email' | 'webhook', string>;
  condition: string;
  expectations: string;
  none: string;
  deadline: (minutes: string) => string;
  deadlineAt: string;
  score: string;
  per: Record<'any' | 'every', string>;
  record: string;
  kinds: Record<ExpectationKind, string>;
  toRecord: Record<ExpectationKind, string>;
  recordedAt: string;
  answer: string;
  facilitator: string;
}

export const labels: Record<CardLanguage, CardLabels> = {
  en: {
    exercise: 'EXERCISE',
    card: (n, of) => `Inject card ${n} of ${of}`,
    team: 'Team',
    site: 'Site',
    scheduled: 'Scheduled (local time)',
    notScheduled: 'No start time set yet: time from the start of the exercise',
    channel: 'Channel',
    channels: { inbox: 'Platform inbox', email: 'E-mail', webhook: 'Webhook' },
    condition: 'Only if',
    expectations: 'What the team must do',
    none: 'Nothing to record for this inject.',
    deadline: (m) => `within ${m} of the inject`,
    deadlineAt: 'by',
    score: 'Score',
    per: { any: 'any player', every: 'every player' },
    record: 'Record',
    kinds: { acknowledge: 'Acknowledge', report: 'Report', indicators: 'Indicators', flag: 'Flag', manual: 'Task for the evaluator' },
    toRecord: {
      acknowledge: 'the time the room acknowledged the inject',
      report: 'the report the room gives: what happened, what they did, whom they told',
      indicators: 'the indicators (IP addresses, domains, hashes) the room found',
      flag: 'the flag the room found, exactly as they give it',
      manual: 'what the room did, for the evaluator to judge',
    },
    recordedAt: 'Recorded at',
    answer: 'Answer',
    facilitator: 'Facilitator',
  },
  vi: {
    exercise: 'DIỄN TẬP',
    card: (n, of) => `Thẻ tình huống ${n}/${of}`,
    team: 'Đội',
    site: 'Địa điểm',
    scheduled: 'Thời gian dự kiến (giờ địa phương)',
    notScheduled: 'Chưa đặt giờ bắt đầu: tính từ lúc bắt đầu diễn tập',
    channel: 'Kênh',
    channels: { inbox: 'Hộp thư trên nền tảng', email: 'Thư điện tử', webhook: 'Webhook' },
    condition: 'Chỉ khi',
    expectations: 'Việc đội phải làm',
    none: 'Không có gì cần ghi cho tình huống này.',
    deadline: (m) => `trong vòng ${m} sau tình huống`,
    deadlineAt: 'trước',
    score: 'Điểm',
    per: { any: 'một thành viên bất kỳ', every: 'mọi thành viên' },
    record: 'Ghi lại',
    kinds: { acknowledge: 'Xác nhận', report: 'Báo cáo', indicators: 'Dấu hiệu (IoC)', flag: 'Cờ', manual: 'Nhiệm vụ do giám khảo chấm' },
    toRecord: {
      acknowledge: 'thời điểm đội xác nhận đã nhận tình huống',
      report: 'báo cáo của đội: chuyện gì xảy ra, đã làm gì, đã báo cho ai',
      indicators: 'các dấu hiệu (địa chỉ IP, tên miền, mã băm) đội tìm được',
      flag: 'cờ đội tìm được, đúng như đội đưa ra',
      manual: 'những gì đội đã làm, để giám khảo chấm',
    },
    recordedAt: 'Ghi lúc',
    answer: 'Trả lời',
    facilitator: 'Người điều phối',
  },
  ja: {
    exercise: '演習',
    card: (n, of) => `インジェクトカード ${n} / ${of}`,
    team: 'チーム',
    site: '拠点',
    scheduled: '予定時刻（現地時間）',
    notScheduled: '開始時刻は未設定：演習開始からの経過時間',
    channel: '配信経路',
    channels: { inbox: 'プラットフォームの受信箱', email: '電子メール', webhook: 'Webhook' },
    condition: '条件',
    expectations: 'チームが行うこと',
    none: 'このインジェクトで記録することはありません。',
    deadline: (m) => `インジェクトから${m}以内`,
    deadlineAt: '期限',
    score: '配点',
    per: { any: 'いずれかのメンバー', every: '全メンバー' },
    record: '記録',
    kinds: { acknowledge: '受領確認', report: '報告', indicators: '痕跡情報（IoC）', flag: 'フラグ', manual: '評価者が判定する課題' },
    toRecord: {
      acknowledge: 'チームが受領を確認した時刻',
      report: 'チームの報告：何が起き、何をし、誰に伝えたか',
      indicators: 'チームが見つけた痕跡情報（IP アドレス、ドメイン、ハッシュ）',
      flag: 'チームが見つけたフラグ（述べたとおりに）',
      manual: '評価者が判定するための、チームが行ったこと',
    },
    recordedAt: '記録時刻',
    answer: '回答',
    facilitator: 'ファシリテーター',
  },
};

/** The language a site's facilitators read by default, from its country. */
export function defaultLanguage(countryCode: string): CardLanguage {
  return countryCode === 'VN' ? 'vi' : countryCode === 'JP' ? 'ja' : 'en';
}

/** "30 min", "2 h", "1 h 30 min" (units are the same in the three languages' cards). */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
