// A synthetic newsroom for the archive benchmark (issue #22): one bundle file
// per article, deterministic for a size and seed.
//
//   node scripts/bench/gen-newsroom.mjs CLAIMS OUT_DIR [--seed N]
//   import { generateNewsroom } from './gen-newsroom.mjs'
//
// What makes it realistic, where it matters for an index:
// - speakers, sources, topics, publishers and words are Zipf-distributed
//   (a few very frequent, a long tail), their numbers growing with the size
//   the way a newsroom's do (about one speaker per 50 claims);
// - articles of 10–50 claims, dated over 20 years (more of them lately);
// - 10 % of claims fact-checked, with verdicts in English and Vietnamese;
// - two articles in five in Vietnamese (syllables with their diacritics);
// - claim texts of 10–45 words, so a claim is 60–300 characters.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './gen-bundle.mjs';

/** A sampler of 0..n-1 with P(k) ∝ 1/(k+1)^s. */
function zipf(n, s, r) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const u = r() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// Words a reader searches for, placed among the frequent ones.
const EN_SEED = `the said that will would government officials talks ceasefire hostages minister president
aid border sanctions election economy prices report false spokesman meeting capital security war peace deal
agreement military troops attack civilians refugees humanitarian negotiations release prisoners vote
parliament court law tax budget inflation growth energy oil gas climate health hospital vaccine school`.split(/\s+/);
const VI_SEED = `chính phủ cho biết các cuộc đàm phán sẽ tiếp tục vào tuần tới trong khi quan chức cảnh báo hàng viện
trợ vẫn bị chặn ở biên giới và bộ trưởng kêu gọi một thỏa thuận lệnh ngừng bắn khẩn cấp để bảo vệ dân thường
người phát ngôn bác bỏ báo cáo rằng đối thủ lan truyền thông tin sai lệch trên mạng cấp cao xác nhận họp đã
diễn ra tại thủ đô nhưng từ chối cung cấp chi tiết kinh tế giá tăng bầu cử quốc hội luật thuế`.split(/\s+/);
const CONSONANTS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'br', 'st', 'tr', 'ch', 'pl', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ea', 'io', 'ou', 'ai'];
const VI_ONSETS = ['b', 'c', 'ch', 'd', 'đ', 'g', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 's', 't', 'th', 'tr', 'v', 'x'];
const VI_RIMES = ['a', 'á', 'à', 'ả', 'ã', 'ạ', 'ăn', 'ắt', 'âm', 'ấy', 'e', 'é', 'ê', 'ế', 'i', 'í', 'o', 'ó', 'ô', 'ố', 'ơ', 'ớ', 'u', 'ú', 'ư', 'ứ', 'ương', 'ướng', 'iên', 'iết', 'oan', 'oàn', 'uốc', 'ênh', 'ình', 'ông', 'ống', 'ai', 'ải', 'ao', 'ào'];
const FIRST = ['Anna', 'Karim', 'Lena', 'Minh', 'Đức', 'Sofia', 'James', 'Hương', 'Omar', 'Chloé', 'Tuấn', 'Maria', 'Lan', 'David', 'Fatima', 'Quang', 'Elena', 'Hùng', 'Yusuf', 'Mai'];
const LAST = ['Nguyễn', 'Smith', 'Haddad', 'Trần', 'Müller', 'García', 'Lê', 'Okafor', 'Dubois', 'Phạm', 'Kowalski', 'Hoàng', 'Rossi', 'Võ', 'Ivanova', 'Đặng', 'Cohen', 'Bùi'];
const ROLES = ['Spokesperson', 'Foreign minister', 'Analyst', 'Senior official', 'Ambassador', 'Người phát ngôn', 'Bộ trưởng', 'Governor', 'Chủ tịch'];
const ORGS = ['Ministry of Foreign Affairs', 'United Nations', 'Red Cross', 'Bộ Ngoại giao', 'European Union', 'White House', 'Bộ Y tế', 'World Bank', 'Quốc hội'];
const SOURCE_KINDS = ['news-agency', 'newspaper', 'broadcaster', 'social-media', 'press-briefing', 'official-statement', 'document', 'article'];
const SOURCE_NAMES = ['Reuters', 'AFP', 'AP', 'CNN', 'Al Jazeera', 'BBC', 'Truth Social', 'Thanh Niên', 'Tuổi Trẻ', 'VnExpress', 'Le Monde', 'X', 'Facebook', 'Họp báo'];
const TOPIC_SEED = ['Ceasefire', 'Hostages', 'Humanitarian aid', 'Sanctions', 'Diplomacy', 'Elections', 'Economy', 'Security', 'Đàm phán', 'Nhân đạo', 'Energy', 'Refugees', 'Ngừng bắn', 'Kinh tế'];
const VERDICTS_EN = ['False', 'Mostly false', 'Misleading', 'Half true', 'Mostly true', 'True', 'Unproven'];
const VERDICTS_VI = ['Sai', 'Sai một phần', 'Gây hiểu lầm', 'Đúng một phần', 'Đúng', 'Chưa kiểm chứng'];
const PUBLISHERS = ['Thanh Niên', 'The Daily Record', 'VnExpress', 'Tuổi Trẻ', 'The Morning Post', 'Dân Trí', 'City Herald', 'Lao Động', 'Evening Standard', 'Zing'];
const KINDS = ['paraphrase', 'paraphrase', 'quote', 'quote', 'statement', 'report'];

function vocabulary(seedWords, n, make, r) {
  const seen = new Set(seedWords);
  const out = [...seedWords];
  while (out.length < n) {
    const w = make(r);
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

const pickOf = (r) => (list) => list[Math.floor(r() * list.length)];

/**
 * Writes about `claims` claims as bundle files into `dir`; returns the file
 * count and the claim count.
 */
export function generateNewsroom(claims, dir, seed = 7) {
  const r = rng(seed * 1_000_003 + claims);
  const pick = pickOf(r);
  mkdirSync(dir, { recursive: true });
  const enWords = vocabulary(EN_SEED, Math.round(20_000 + claims / 20), (r) => {
    const syl = 1 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < syl; i++) w += pick(CONSONANTS) + pick(VOWELS);
    return w + (r() < 0.4 ? pick(['s', 'n', 'r', 'd', 'ng', 'ed', 'ing']) : '');
  }, r);
  // Vietnamese words are syllables: every onset with every rime (about 950).
  const viAll = VI_ONSETS.flatMap((o) => VI_RIMES.map((v) => o + v)).sort(() => r() - 0.5);
  const viWords = [...new Set([...VI_SEED, ...viAll])];
  const enWord = zipf(enWords.length, 1.0, r);
  const viWord = zipf(viWords.length, 1.0, r);
  const nSpeakers = Math.max(50, Math.round(claims / 50));
  const speakers = Array.from({ length: nSpeakers }, (_, i) => {
    const org = i % 9 === 4;
    return {
      name: org ? `${pick(ORGS)} ${i}` : `${pick(FIRST)} ${pick(LAST)} ${i}`,
      role: pick(ROLES),
      kind: org ? 'organization' : i % 13 === 6 ? 'unnamed' : 'person',
    };
  });
  const speaker = zipf(nSpeakers, 1.05, r);
  const nSources = Math.max(20, Math.round(claims / 500));
  const sources = Array.from({ length: nSources }, (_, i) => ({
    name: i < SOURCE_NAMES.length ? SOURCE_NAMES[i] : `${pick(SOURCE_NAMES)} ${i}`,
    kind: SOURCE_KINDS[i % SOURCE_KINDS.length],
  }));
  const source = zipf(nSources, 1.1, r);
  const nTopics = Math.max(20, Math.round(Math.sqrt(claims) * 2));
  const topics = Array.from({ length: nTopics }, (_, i) => (i < TOPIC_SEED.length ? TOPIC_SEED[i] : `${pick(TOPIC_SEED)} ${i}`));
  const topic = zipf(nTopics, 1.0, r);
  const publisher = zipf(PUBLISHERS.length, 0.8, r);
  const start = Date.UTC(2006, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  let made = 0;
  let files = 0;
  while (made < claims) {
    const n = Math.min(claims - made, 10 + Math.floor(r() * 41));
    const vi = r() < 0.4;
    // More articles lately: the square root skews dates towards the end.
    const when = new Date(start + Math.sqrt(r()) * span);
    const published = when.toISOString().slice(0, 10);
    const cast = [...new Set(Array.from({ length: 2 + Math.floor(r() * 6) }, () => speaker()))];
    const channels = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => source()))];
    const words = vi ? viWords : enWords;
    const word = vi ? viWord : enWord;
    const list = [];
    for (let i = 0; i < n; i++) {
      const length = 10 + Math.floor(r() * 36);
      let text = Array.from({ length }, () => words[word()]).join(' ');
      text = text[0].toUpperCase() + text.slice(1) + '.';
      const c = {
        id: `c${i + 1}`,
        text,
        speaker: `p${cast[Math.floor(r() * cast.length)]}`,
        sources: [...new Set([channels[0], channels[Math.floor(r() * channels.length)]])].map((s) => `s${s}`),
        kind: pick(KINDS),
      };
      const t = [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => topic()))];
      if (t.length) c.topics = t.map((k) => topics[k]);
      if (r() < 0.1) c.review = { rating: pick(vi ? VERDICTS_VI : VERDICTS_EN) };
      if (r() < 0.2) {
        const d = new Date(when.getTime() - Math.floor(r() * 20) * 86_400_000);
        c.date = d.toISOString().slice(0, 10);
      }
      list.push(c);
    }
    const used = new Set(list.map((c) => c.speaker));
    const usedSources = new Set(list.flatMap((c) => c.sources));
    files++;
    const bundle = {
      version: 1.1,
      article: {
        title: `${vi ? 'Bài' : 'Article'} ${files}: ${Array.from({ length: 6 }, () => words[word()]).join(' ')}`,
        url: `https://news.example/${published.slice(0, 4)}/${files}`,
        publisher: PUBLISHERS[publisher()],
        published,
        language: vi ? 'vi' : 'en',
      },
      speakers: [...used].map((id) => ({ id, ...speakers[Number(id.slice(1))] })),
      sources: [...usedSources].map((id) => ({ id, ...sources[Number(id.slice(1))] })),
      claims: list,
    };
    const sub = join(dir, String(Math.floor(files / 1000)).padStart(4, '0'));
    if (files % 1000 === 0 || files === 1) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `a${files}.json`), JSON.stringify(bundle));
    made += n;
  }
  // The benchmark's questions, in this newsroom's own values.
  const queries = {
    rare: enWords[15_000],
    common: 'government',
    speaker: speakers[0].name,
    second: speakers[7].name,
    topic: topics[0],
    verdict: VERDICTS_EN[0],
    phrase: 'ngừng bắn',
  };
  writeFileSync(join(dir, 'newsroom.txt'), JSON.stringify({ claims: made, files, queries }) + '\n');
  return { files, claims: made, queries };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [claims, out] = process.argv.slice(2);
  const seedAt = process.argv.indexOf('--seed');
  const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 7;
  if (!claims || !out) {
    console.error('usage: node scripts/bench/gen-newsroom.mjs CLAIMS OUT_DIR [--seed N]');
    process.exit(2);
  }
  const made = generateNewsroom(Number(claims), out, seed);
  console.error(`${out}: ${made.claims} claims in ${made.files} bundles`);
}
