// Deterministic synthetic claim bundles for the benchmark and the long-list
// tests: realistic text lengths, about one speaker per 20 claims, 1–3 sources
// per claim, topics, dates, and Vietnamese text mixed in (one claim in five).
//
//   node scripts/bench/gen-bundle.mjs 1000 > bundle.json
//   import { generateBundle } from './gen-bundle.mjs'

const EN = `the government said talks would continue next week while officials warned that aid deliveries
remain blocked at the border and ministers called for an urgent ceasefire agreement to protect civilians
negotiators reported progress on the release of hostages although several issues remain unresolved
analysts expect sanctions to tighten pressure on the movement as prices rise across the region
the spokesman rejected the report as false and accused rivals of spreading misinformation online
a senior official confirmed the meeting took place in the capital but declined to give details`.split(/\s+/);
const VI = `chính phủ cho biết các cuộc đàm phán sẽ tiếp tục vào tuần tới trong khi các quan chức cảnh báo
hàng viện trợ vẫn bị chặn ở biên giới và các bộ trưởng kêu gọi một thỏa thuận ngừng bắn khẩn cấp để bảo vệ
dân thường người phát ngôn bác bỏ báo cáo và cho rằng đối thủ lan truyền thông tin sai lệch trên mạng
một quan chức cấp cao xác nhận cuộc họp đã diễn ra tại thủ đô nhưng từ chối cung cấp chi tiết`.split(/\s+/);
const FIRST = ['Anna', 'Karim', 'Lena', 'Minh', 'Đức', 'Sofia', 'James', 'Hương', 'Omar', 'Chloé', 'Tuấn', 'Maria'];
const LAST = ['Nguyễn', 'Smith', 'Haddad', 'Trần', 'Müller', 'García', 'Lê', 'Okafor', 'Dubois', 'Phạm', 'Kowalski'];
const ROLES = ['Spokesperson', 'Foreign minister', 'Analyst', 'Senior official', 'Ambassador', 'Người phát ngôn', 'Bộ trưởng'];
const ORGS = ['Ministry of Foreign Affairs', 'United Nations', 'Red Cross', 'Bộ Ngoại giao', 'European Union', 'Hamas', 'White House'];
const SOURCE_KINDS = ['news-agency', 'newspaper', 'broadcaster', 'social-media', 'press-briefing', 'official-statement', 'document', 'article'];
const SOURCE_NAMES = ['Reuters', 'AFP', 'AP', 'CNN', 'Al Jazeera', 'BBC', 'Truth Social', 'Thanh Niên', 'Tuổi Trẻ', 'VnExpress', 'Le Monde', 'X'];
const TOPICS = ['ceasefire', 'hostages', 'humanitarian-aid', 'sanctions', 'diplomacy', 'elections', 'economy', 'security', 'đàm-phán', 'nhân-đạo', 'energy', 'refugees'];
const KINDS = ['paraphrase', 'paraphrase', 'quote', 'statement', 'report'];

/** A small deterministic PRNG (mulberry32): the benchmark's generators share it. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateBundle(claims, seed = 42) {
  const r = rng(seed + claims);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const nSpeakers = Math.max(3, Math.round(claims / 20));
  const nSources = Math.max(7, Math.round(claims / 100));
  const speakers = Array.from({ length: nSpeakers }, (_, i) => ({
    id: `sp-${i}`,
    name: i % 7 === 3 ? `${pick(ORGS)} ${i}` : `${pick(FIRST)} ${pick(LAST)} ${i}`,
    role: pick(ROLES),
    affiliation: pick(ORGS),
    kind: i % 7 === 3 ? 'organization' : i % 11 === 5 ? 'unnamed' : 'person',
  }));
  const sources = Array.from({ length: nSources }, (_, i) => ({
    id: `src-${i}`,
    name: `${SOURCE_NAMES[i % SOURCE_NAMES.length]}${i >= SOURCE_NAMES.length ? ` ${i}` : ''}`,
    kind: SOURCE_KINDS[i % SOURCE_KINDS.length],
    url: `https://example.org/source/${i}`,
  }));
  const list = [];
  for (let i = 0; i < claims; i++) {
    const words = i % 5 === 4 ? VI : EN;
    const length = 14 + Math.floor(r() * 40); // ~80–300 characters
    let text = Array.from({ length }, () => pick(words)).join(' ');
    text = text[0].toUpperCase() + text.slice(1) + '.';
    const srcCount = 1 + Math.floor(r() * 3);
    const srcs = new Set();
    while (srcs.size < srcCount) srcs.add(`src-${Math.floor(r() * nSources)}`);
    const topics = new Set();
    const topicCount = Math.floor(r() * 3);
    while (topics.size < topicCount) topics.add(pick(TOPICS));
    const day = 1 + Math.floor(r() * 28);
    list.push({
      id: `c${i}`,
      text,
      speaker: `sp-${Math.floor(r() * nSpeakers)}`,
      sources: [...srcs],
      kind: pick(KINDS),
      date: `2025-03-${String(day).padStart(2, '0')}`,
      topics: [...topics],
      paragraph: 1 + Math.floor(i / 3),
    });
  }
  return {
    version: 1,
    article: { title: `Synthetic bundle with ${claims} claims`, language: 'en' },
    speakers,
    sources,
    claims: list,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] || 1000);
  process.stdout.write(JSON.stringify(generateBundle(n)));
}
