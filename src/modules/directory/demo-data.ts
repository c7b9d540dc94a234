// Demo directory: ASEAN and Japan national CERTs, ADMM-Plus defence ministries, three communities, Viet Nam's 200-site drill network.
// Organisation names are the organisations' own (official English names; Vietnamese place names keep their diacritics).
// People, e-mail addresses and phone numbers are fictional: reserved `.example` domains, numbers that cannot ring.

export type OrganisationType = 'national_cert' | 'ministry' | 'agency' | 'province' | 'city' | 'hospital' | 'other';
export interface DemoOrganisation {
  key: string;
  name: string;
  shortName?: string;
  type: OrganisationType;
  sector?: string;
  countryCode: string;
  parentKey?: string;
}
export interface DemoSite {
  key: string;
  organisationKey: string;
  name: string;
  city?: string;
  timeZone: string;
  mode: 'online' | 'in_person';
}
export interface DemoPerson {
  key: string;
  organisationKey: string;
  fullName: string;
  jobTitle?: string;
  email?: string;
}
export interface DemoPointOfContact {
  key: string;
  organisationKey: string;
  personKey?: string;
  label: string;
  phone24x7?: string;
  email: string;
}
export interface DemoCommunity {
  key: string;
  name: string;
  description: string;
  memberKeys: string[];
}

/**
 * A national number never starts with 0 after the country code (0 is the domestic trunk prefix), so
 * `+84 0555 0100` has the right calling code and yet cannot reach anyone.
 */
const fictionalPhone = (callingCode: string, line: string) => `${callingCode} 0555 ${line}`;

// ---------------------------------------------------------------------------------------------
// National CERTs. Keys are `cert:<ISO 3166-1 alpha-2>`; other code (home organisation, CLI) relies on it.
// City is where the team sits (MyCERT is run by CyberSecurity Malaysia in Cyberjaya, CERT-PH by the
// DICT in Quezon City, both inside their capital's metropolitan area).
// ---------------------------------------------------------------------------------------------
interface NationalCert {
  cc: string;
  name: string;
  shortName: string;
  city: string;
  timeZone: string;
  callingCode: string;
}
const nationalCerts: NationalCert[] = [
  {
    cc: 'BN',
    name: 'Brunei Computer Emergency Response Team',
    shortName: 'BruCERT',
    city: 'Bandar Seri Begawan',
    timeZone: 'Asia/Brunei',
    callingCode: '+673',
  },
  {
    cc: 'KH',
    name: 'Cambodia Computer Emergency Response Team',
    shortName: 'CamCERT',
    city: 'Phnom Penh',
    timeZone: 'Asia/Phnom_Penh',
    callingCode: '+855',
  },
  // Run by BSSN (National Cyber and Crypto Agency), which still publishes it under this name; Gov-CSIRT
  // Indonesia is BSSN's government-sector team, not the national one.
  {
    cc: 'ID',
    name: 'Indonesia Security Incident Response Team on Internet Infrastructure/Coordination Center',
    shortName: 'Id-SIRTII/CC',
    city: 'Jakarta',
    timeZone: 'Asia/Jakarta',
    callingCode: '+62',
  },
  {
    cc: 'LA',
    name: 'Lao Computer Emergency Response Team',
    shortName: 'LaoCERT',
    city: 'Vientiane',
    timeZone: 'Asia/Vientiane',
    callingCode: '+856',
  },
  {
    cc: 'MY',
    name: 'Malaysia Computer Emergency Response Team',
    shortName: 'MyCERT',
    city: 'Cyberjaya',
    timeZone: 'Asia/Kuala_Lumpur',
    callingCode: '+60',
  },
  {
    cc: 'MM',
    name: 'Myanmar Computer Emergency Response Team',
    shortName: 'mmCERT',
    city: 'Nay Pyi Taw',
    timeZone: 'Asia/Yangon',
    callingCode: '+95',
  },
  {
    cc: 'PH',
    name: 'Philippine National Computer Emergency Response Team',
    shortName: 'CERT-PH',
    city: 'Quezon City',
    timeZone: 'Asia/Manila',
    callingCode: '+63',
  },
  {
    cc: 'SG',
    name: 'Singapore Computer Emergency Response Team',
    shortName: 'SingCERT',
    city: 'Singapore',
    timeZone: 'Asia/Singapore',
    callingCode: '+65',
  },
  {
    cc: 'TH',
    name: 'Thailand Computer Emergency Response Team',
    shortName: 'ThaiCERT',
    city: 'Bangkok',
    timeZone: 'Asia/Bangkok',
    callingCode: '+66',
  },
  {
    cc: 'VN',
    name: 'Vietnam Cybersecurity Emergency Response Teams/Coordination Center',
    shortName: 'VNCERT/CC',
    city: 'Hà Nội',
    timeZone: 'Asia/Ho_Chi_Minh',
    callingCode: '+84',
  },
  {
    cc: 'JP',
    name: 'Japan Computer Emergency Response Team Coordination Center',
    shortName: 'JPCERT/CC',
    city: 'Tokyo',
    timeZone: 'Asia/Tokyo',
    callingCode: '+81',
  },
];
const aseanCodes = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'];

// ---------------------------------------------------------------------------------------------
// Defence ministries of the ADMM-Plus: the ten ASEAN states and the eight partners. Keys `mod:<ISO2>`.
// Most of these share a bare name ("Ministry of Defence"), so the country follows in brackets unless
// the ministry's own name already carries it.
// ---------------------------------------------------------------------------------------------
const defenceMinistries: [cc: string, ownName: string, country: string | null][] = [
  ['BN', 'Ministry of Defence', 'Brunei Darussalam'],
  ['KH', 'Ministry of National Defence', 'Cambodia'],
  ['ID', 'Ministry of Defence', 'Indonesia'],
  ['LA', 'Ministry of National Defence', 'Lao PDR'],
  ['MY', 'Ministry of Defence', 'Malaysia'],
  ['MM', 'Ministry of Defence', 'Myanmar'],
  ['PH', 'Department of National Defense', 'Philippines'],
  ['SG', 'Ministry of Defence', 'Singapore'],
  ['TH', 'Ministry of Defence', 'Thailand'],
  ['VN', 'Ministry of National Defence', 'Viet Nam'],
  ['AU', 'Department of Defence', 'Australia'],
  ['CN', "Ministry of National Defense of the People's Republic of China", null],
  ['IN', 'Ministry of Defence', 'India'],
  ['JP', 'Ministry of Defense', 'Japan'],
  ['NZ', 'Ministry of Defence', 'New Zealand'],
  ['KR', 'Ministry of National Defense', 'Republic of Korea'],
  ['RU', 'Ministry of Defence of the Russian Federation', null],
  ['US', 'Department of Defense', 'United States'],
];

// ---------------------------------------------------------------------------------------------
// Viet Nam's national drill network under VNCERT/CC: exactly 200 sites, keys `vn:site:*`, organisations
// `vn:org:*`. VNCERT/CC's own headquarters site (`cert-site:VN`) is NOT one of the 200. Every
// organisation's parent chain ends at `cert:VN`. Teams based in Hà Nội that send people to the national
// drill room are `in_person`, as are the Hồ Chí Minh City and Đà Nẵng teams at VNCERT/CC's regional
// drill rooms; everyone else takes part online.
// ---------------------------------------------------------------------------------------------
const VN_TZ = 'Asia/Ho_Chi_Minh';
const HANOI = 'Hà Nội';
const HCMC = 'Hồ Chí Minh City';

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');

/** [site slug, site name, city, mode]; the site key is `vn:site:<organisation slug>-<site slug>`. */
type SiteSpec = [slug: string, name: string, city: string, mode: DemoSite['mode']];
interface VnOrg {
  slug: string;
  name: string;
  shortName?: string;
  type: OrganisationType;
  sector: string;
  parent?: string; // an organisation slug; `cert:VN` when absent
  sites: SiteSpec[];
}

// The 14 ministries and 3 ministerial-level agencies of the Government since 1 March 2025. Each sends
// its incident-response team to the national drill room and keeps its data centre online.
const vnMinistries = [
  'Ministry of National Defence',
  'Ministry of Public Security',
  'Ministry of Foreign Affairs',
  'Ministry of Home Affairs',
  'Ministry of Justice',
  'Ministry of Finance',
  'Ministry of Industry and Trade',
  'Ministry of Agriculture and Environment',
  'Ministry of Construction',
  'Ministry of Culture, Sports and Tourism',
  'Ministry of Science and Technology',
  'Ministry of Education and Training',
  'Ministry of Health',
  'Ministry of Ethnic Minorities and Religions',
  'State Bank of Vietnam',
  'Government Inspectorate',
  'Government Office',
];
const ministrySites: SiteSpec[] = [
  ['irt', 'Incident response team (national drill room)', HANOI, 'in_person'],
  ['dc', 'Data centre', HANOI, 'online'],
];

const online = (city: string, name = 'IT security team'): SiteSpec[] => [['it', name, city, 'online']];
const inPerson = (city: string): SiteSpec[] => [['irt', 'Incident response team (national drill room)', city, 'in_person']];

// Agencies, operators of critical information infrastructure and hospitals.
const vnOthers: VnOrg[] = [
  // Government agencies.
  { slug: 'vna', name: 'Vietnam News Agency', shortName: 'VNA', type: 'agency', sector: 'media', sites: online(HANOI) },
  { slug: 'vov', name: 'Voice of Vietnam', shortName: 'VOV', type: 'agency', sector: 'media', sites: online(HANOI) },
  { slug: 'vtv', name: 'Vietnam Television', shortName: 'VTV', type: 'agency', sector: 'media', sites: online(HANOI) },
  {
    slug: 'vast',
    name: 'Vietnam Academy of Science and Technology',
    shortName: 'VAST',
    type: 'agency',
    sector: 'research',
    sites: online(HANOI),
  },
  { slug: 'vass', name: 'Vietnam Academy of Social Sciences', shortName: 'VASS', type: 'agency', sector: 'research', sites: online(HANOI) },
  // Agencies under a ministry.
  {
    slug: 'vss',
    name: 'Vietnam Social Security',
    shortName: 'VSS',
    type: 'agency',
    sector: 'social security',
    parent: 'ministry-of-finance',
    sites: online(HANOI),
  },
  {
    slug: 'vnnic',
    name: 'Vietnam Internet Network Information Center',
    shortName: 'VNNIC',
    type: 'agency',
    sector: 'internet infrastructure',
    parent: 'ministry-of-science-and-technology',
    sites: inPerson(HANOI),
  },
  // Telecommunications, energy, transport and payments.
  {
    slug: 'viettel',
    name: 'Viettel Group',
    shortName: 'Viettel',
    type: 'other',
    sector: 'telecommunications',
    sites: [...inPerson(HANOI), ['south', 'Southern operations centre', HCMC, 'online']],
  },
  {
    slug: 'vnpt',
    name: 'Vietnam Posts and Telecommunications Group',
    shortName: 'VNPT',
    type: 'other',
    sector: 'telecommunications',
    sites: [...inPerson(HANOI), ['south', 'Southern operations centre', HCMC, 'online']],
  },
  {
    slug: 'mobifone',
    name: 'MobiFone Corporation',
    shortName: 'MobiFone',
    type: 'other',
    sector: 'telecommunications',
    sites: online(HANOI),
  },
  {
    slug: 'evn',
    name: 'Vietnam Electricity',
    shortName: 'EVN',
    type: 'other',
    sector: 'energy',
    sites: [...inPerson(HANOI), ['south', 'Southern operations centre', HCMC, 'online']],
  },
  { slug: 'vietnam-airlines', name: 'Vietnam Airlines', type: 'other', sector: 'transport', sites: online(HANOI) },
  { slug: 'acv', name: 'Airports Corporation of Vietnam', shortName: 'ACV', type: 'other', sector: 'transport', sites: online(HCMC) },
  // Banking, coordinated through the State Bank.
  {
    slug: 'napas',
    name: 'National Payment Corporation of Vietnam',
    shortName: 'NAPAS',
    type: 'other',
    sector: 'finance',
    parent: 'state-bank-of-vietnam',
    sites: online(HANOI),
  },
  {
    slug: 'vietcombank',
    name: 'Joint Stock Commercial Bank for Foreign Trade of Vietnam',
    shortName: 'Vietcombank',
    type: 'other',
    sector: 'finance',
    parent: 'state-bank-of-vietnam',
    sites: online(HANOI),
  },
  {
    slug: 'bidv',
    name: 'Joint Stock Commercial Bank for Investment and Development of Vietnam',
    shortName: 'BIDV',
    type: 'other',
    sector: 'finance',
    parent: 'state-bank-of-vietnam',
    sites: online(HANOI),
  },
  {
    slug: 'vietinbank',
    name: 'Vietnam Joint Stock Commercial Bank for Industry and Trade',
    shortName: 'VietinBank',
    type: 'other',
    sector: 'finance',
    parent: 'state-bank-of-vietnam',
    sites: online(HANOI),
  },
  {
    slug: 'agribank',
    name: 'Vietnam Bank for Agriculture and Rural Development',
    shortName: 'Agribank',
    type: 'other',
    sector: 'finance',
    parent: 'state-bank-of-vietnam',
    sites: online(HANOI),
  },
  // Hospitals: central ones under the Ministry of Health, the others under their city.
  {
    slug: 'bach-mai-hospital',
    name: 'Bach Mai Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online(HANOI, 'Hospital IT unit'),
  },
  {
    slug: 'viet-duc-hospital',
    name: 'Viet Duc University Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online(HANOI, 'Hospital IT unit'),
  },
  {
    slug: 'national-childrens-hospital',
    name: "Vietnam National Children's Hospital",
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online(HANOI, 'Hospital IT unit'),
  },
  {
    slug: 'cho-ray-hospital',
    name: 'Cho Ray Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online(HCMC, 'Hospital IT unit'),
  },
  {
    slug: 'hue-central-hospital',
    name: 'Hue Central Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online('Huế', 'Hospital IT unit'),
  },
  {
    slug: 'can-tho-central-general-hospital',
    name: 'Can Tho Central General Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ministry-of-health',
    sites: online('Cần Thơ', 'Hospital IT unit'),
  },
  {
    slug: 'saint-paul-hospital',
    name: 'Saint Paul General Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'ha-noi',
    sites: online(HANOI, 'Hospital IT unit'),
  },
  {
    slug: 'da-nang-hospital',
    name: 'Da Nang Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'da-nang',
    sites: online('Đà Nẵng', 'Hospital IT unit'),
  },
  {
    slug: 'viet-tiep-hospital',
    name: 'Viet Tiep Friendship Hospital',
    type: 'hospital',
    sector: 'health',
    parent: 'hai-phong',
    sites: online('Hải Phòng', 'Hospital IT unit'),
  },
];

// The 34 provincial-level units since 1 July 2025 (6 centrally-run cities, then 28 provinces), each
// with the place its provincial government sits in. `regional`: its team goes to a drill room in person.
const vnCities: [name: string, regional: boolean][] = [
  ['Hà Nội', true],
  ['Hồ Chí Minh', true],
  ['Hải Phòng', false],
  ['Đà Nẵng', true],
  ['Cần Thơ', false],
  ['Huế', false],
];
const vnProvinces: [name: string, seat: string][] = [
  ['Tuyên Quang', 'Tuyên Quang'],
  ['Cao Bằng', 'Cao Bằng'],
  ['Lai Châu', 'Lai Châu'],
  ['Lào Cai', 'Yên Bái'],
  ['Thái Nguyên', 'Thái Nguyên'],
  ['Điện Biên', 'Điện Biên Phủ'],
  ['Lạng Sơn', 'Lạng Sơn'],
  ['Sơn La', 'Sơn La'],
  ['Phú Thọ', 'Việt Trì'],
  ['Bắc Ninh', 'Bắc Giang'],
  ['Quảng Ninh', 'Hạ Long'],
  ['Hưng Yên', 'Hưng Yên'],
  ['Ninh Bình', 'Ninh Bình'],
  ['Thanh Hóa', 'Thanh Hóa'],
  ['Nghệ An', 'Vinh'],
  ['Hà Tĩnh', 'Hà Tĩnh'],
  ['Quảng Trị', 'Đồng Hới'],
  ['Quảng Ngãi', 'Quảng Ngãi'],
  ['Gia Lai', 'Quy Nhơn'],
  ['Khánh Hòa', 'Nha Trang'],
  ['Lâm Đồng', 'Đà Lạt'],
  ['Đắk Lắk', 'Buôn Ma Thuột'],
  ['Đồng Nai', 'Biên Hòa'],
  ['Tây Ninh', 'Tân An'],
  ['Vĩnh Long', 'Vĩnh Long'],
  ['Đồng Tháp', 'Mỹ Tho'],
  ['Cà Mau', 'Cà Mau'],
  ['An Giang', 'Rạch Giá'],
];
/** The four sites of every province and city; the Department of Science and Technology leads its incident response. */
const localSites = (seat: string, teamInPerson: boolean): SiteSpec[] => [
  ['dost', 'Department of Science and Technology', seat, teamInPerson ? 'in_person' : 'online'],
  ['dc', 'Data centre', seat, 'online'],
  ['pasc', 'Public Administration Service Centre', seat, 'online'],
  ['doh', 'Department of Health', seat, 'online'],
];

const vnNetwork: VnOrg[] = [
  ...vnMinistries.map((name) => ({ slug: slug(name), name, type: 'ministry' as const, sector: 'government', sites: ministrySites })),
  ...vnCities.map(([name, regional]) => {
    const seat = name === 'Hồ Chí Minh' ? HCMC : name;
    return {
      slug: slug(name),
      name: `${name} City People's Committee`,
      type: 'city' as const,
      sector: 'local government',
      sites: localSites(seat, regional),
    };
  }),
  ...vnProvinces.map(([name, seat]) => ({
    slug: slug(name),
    name: `${name} Provincial People's Committee`,
    type: 'province' as const,
    sector: 'local government',
    sites: localSites(seat, false),
  })),
  ...vnOthers,
];

// ---------------------------------------------------------------------------------------------
// Exports.
// ---------------------------------------------------------------------------------------------
export const demoOrganisations: DemoOrganisation[] = [
  ...nationalCerts.map(
    (c): DemoOrganisation => ({
      key: `cert:${c.cc}`,
      name: c.name,
      shortName: c.shortName,
      type: 'national_cert',
      sector: 'cybersecurity',
      countryCode: c.cc,
    }),
  ),
  ...defenceMinistries.map(
    ([cc, ownName, country]): DemoOrganisation => ({
      key: `mod:${cc}`,
      name: country ? `${ownName} (${country})` : ownName,
      type: 'ministry',
      sector: 'defence',
      countryCode: cc,
    }),
  ),
  ...vnNetwork.map(
    (o): DemoOrganisation => ({
      key: `vn:org:${o.slug}`,
      name: o.name,
      ...(o.shortName ? { shortName: o.shortName } : {}),
      type: o.type,
      sector: o.sector,
      countryCode: 'VN',
      parentKey: o.parent ? `vn:org:${o.parent}` : 'cert:VN',
    }),
  ),
];

export const demoSites: DemoSite[] = [
  // Each national CERT's own operations centre, joining multinational drills online (not in Viet Nam's 200).
  ...nationalCerts.map(
    (c): DemoSite => ({
      key: `cert-site:${c.cc}`,
      organisationKey: `cert:${c.cc}`,
      name: `${c.shortName} operations centre`,
      city: c.city,
      timeZone: c.timeZone,
      mode: 'online',
    }),
  ),
  // Viet Nam's national drill network: 200 sites.
  ...vnNetwork.flatMap((o) =>
    o.sites.map(
      ([siteSlug, name, city, mode]): DemoSite => ({
        key: `vn:site:${o.slug}-${siteSlug}`,
        organisationKey: `vn:org:${o.slug}`,
        name,
        city,
        timeZone: VN_TZ,
        mode,
      }),
    ),
  ),
];

export const demoPeople: DemoPerson[] = [
  {
    key: 'person:vn:duty-lead',
    organisationKey: 'cert:VN',
    fullName: 'Nguyễn Thị Lan',
    jobTitle: 'Incident response lead',
    email: 'lan.nguyen@cert-vn.example',
  },
  {
    key: 'person:jp:duty-lead',
    organisationKey: 'cert:JP',
    fullName: 'Sato Haruka',
    jobTitle: 'Incident handler',
    email: 'haruka.sato@cert-jp.example',
  },
  {
    key: 'person:vn:moh-it',
    organisationKey: 'vn:org:ministry-of-health',
    fullName: 'Trần Văn Minh',
    jobTitle: 'Head of IT security',
    email: 'minh.tran@moh-vn.example',
  },
  {
    key: 'person:vn:bachmai-it',
    organisationKey: 'vn:org:bach-mai-hospital',
    fullName: 'Lê Hoàng Nam',
    jobTitle: 'IT security officer',
    email: 'nam.le@bachmai-vn.example',
  },
  {
    key: 'person:vn:hanoi-dost',
    organisationKey: 'vn:org:ha-noi',
    fullName: 'Phạm Thu Hà',
    jobTitle: 'Head of the incident response team',
    email: 'ha.pham@hanoi-vn.example',
  },
  {
    key: 'person:vn:danang-dost',
    organisationKey: 'vn:org:da-nang',
    fullName: 'Võ Minh Tuấn',
    jobTitle: 'Information security officer',
    email: 'tuan.vo@danang-vn.example',
  },
  {
    key: 'person:vn:evn-soc',
    organisationKey: 'vn:org:evn',
    fullName: 'Đặng Quốc Bảo',
    jobTitle: 'SOC manager',
    email: 'bao.dang@evn-vn.example',
  },
];

export const demoPointsOfContact: DemoPointOfContact[] = [
  // Every national CERT's 24/7 duty desk.
  ...nationalCerts.map(
    (c): DemoPointOfContact => ({
      key: `poc:cert:${c.cc}`,
      organisationKey: `cert:${c.cc}`,
      label: '24/7 duty desk',
      phone24x7: fictionalPhone(c.callingCode, '0100'),
      email: `duty@cert-${c.cc.toLowerCase()}.example`,
    }),
  ),
  // Named contacts in Viet Nam's drill network.
  {
    key: 'poc:vn:moh-it',
    organisationKey: 'vn:org:ministry-of-health',
    personKey: 'person:vn:moh-it',
    label: 'IT security on call',
    phone24x7: fictionalPhone('+84', '0101'),
    email: 'oncall@moh-vn.example',
  },
  {
    key: 'poc:vn:bachmai-it',
    organisationKey: 'vn:org:bach-mai-hospital',
    personKey: 'person:vn:bachmai-it',
    label: 'Hospital IT on call',
    phone24x7: fictionalPhone('+84', '0102'),
    email: 'it-oncall@bachmai-vn.example',
  },
  {
    key: 'poc:vn:hanoi-dost',
    organisationKey: 'vn:org:ha-noi',
    personKey: 'person:vn:hanoi-dost',
    label: 'City incident response team',
    phone24x7: fictionalPhone('+84', '0103'),
    email: 'irt@hanoi-vn.example',
  },
  {
    key: 'poc:vn:danang-dost',
    organisationKey: 'vn:org:da-nang',
    personKey: 'person:vn:danang-dost',
    label: 'City incident response team',
    phone24x7: fictionalPhone('+84', '0104'),
    email: 'irt@danang-vn.example',
  },
  {
    key: 'poc:vn:evn-soc',
    organisationKey: 'vn:org:evn',
    personKey: 'person:vn:evn-soc',
    label: 'Security operations centre',
    phone24x7: fictionalPhone('+84', '0105'),
    email: 'soc@evn-vn.example',
  },
];

export const demoCommunities: DemoCommunity[] = [
  {
    key: 'community:asean',
    name: 'ASEAN',
    description: 'The national CERTs of the ten ASEAN member states',
    memberKeys: aseanCodes.map((cc) => `cert:${cc}`),
  },
  {
    key: 'community:asean-japan',
    name: 'ASEAN-Japan',
    description: 'The national CERTs of the ten ASEAN member states and JPCERT/CC',
    memberKeys: [...aseanCodes, 'JP'].map((cc) => `cert:${cc}`),
  },
  {
    key: 'community:admm-plus',
    name: 'ADMM-Plus',
    description: "Defence ministries of the ASEAN Defence Ministers' Meeting-Plus: the ten ASEAN states and their eight partners",
    memberKeys: defenceMinistries.map(([cc]) => `mod:${cc}`),
  },
];
