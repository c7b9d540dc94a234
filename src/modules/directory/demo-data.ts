/**
 * The demo directory: the national CERTs of ASEAN and Japan and the ADMM-Plus defence ministries
 * under the names they use themselves, the ASEAN, ASEAN-Japan and ADMM-Plus communities, and Viet
 * Nam's national drill network of 200 sites. Contact details are fictional (reserved `.example`
 * domains); names of organisations are real.
 */
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

// [ISO code, official name, acronym, capital, IANA zone, calling code]
const certs: [string, string, string, string, string, string][] = [
  ['BN', 'Brunei Computer Emergency Response Team', 'BruCERT', 'Bandar Seri Begawan', 'Asia/Brunei', '+673'],
  ['KH', 'Cambodia Computer Emergency Response Team', 'CamCERT', 'Phnom Penh', 'Asia/Phnom_Penh', '+855'],
  ['ID', 'Indonesia Security Incident Response Team on Internet Infrastructure', 'ID-SIRTII/CC', 'Jakarta', 'Asia/Jakarta', '+62'],
  ['LA', 'Lao Computer Emergency Response Team', 'LaoCERT', 'Vientiane', 'Asia/Vientiane', '+856'],
  ['MY', 'Malaysia Computer Emergency Response Team', 'MyCERT', 'Kuala Lumpur', 'Asia/Kuala_Lumpur', '+60'],
  ['MM', 'Myanmar Computer Emergency Response Team', 'mmCERT', 'Yangon', 'Asia/Yangon', '+95'],
  ['PH', 'Philippine National Computer Emergency Response Team', 'CERT-PH', 'Manila', 'Asia/Manila', '+63'],
  ['SG', 'Singapore Computer Emergency Response Team', 'SingCERT', 'Singapore', 'Asia/Singapore', '+65'],
  ['TH', 'Thailand Computer Emergency Response Team', 'ThaiCERT', 'Bangkok', 'Asia/Bangkok', '+66'],
  ['VN', 'Vietnam Computer Emergency Response Teams Coordination Center', 'VNCERT/CC', 'Hà Nội', 'Asia/Ho_Chi_Minh', '+84'],
  ['JP', 'Japan Computer Emergency Response Team Coordination Center', 'JPCERT/CC', 'Tokyo', 'Asia/Tokyo', '+81'],
];
const aseanCodes = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'];

// Defence ministries of the ten ASEAN states and the eight ADMM-Plus partners.
const defenceMinistries: [string, string][] = [
  ['BN', 'Ministry of Defence'],
  ['KH', 'Ministry of National Defence'],
  ['ID', 'Ministry of Defence'],
  ['LA', 'Ministry of National Defence'],
  ['MY', 'Ministry of Defence'],
  ['MM', 'Ministry of Defence'],
  ['PH', 'Department of National Defense'],
  ['SG', 'Ministry of Defence'],
  ['TH', 'Ministry of Defence'],
  ['VN', 'Ministry of National Defence'],
  ['AU', 'Department of Defence'],
  ['CN', 'Ministry of National Defense'],
  ['IN', 'Ministry of Defence'],
  ['JP', 'Ministry of Defense'],
  ['NZ', 'Ministry of Defence'],
  ['KR', 'Ministry of National Defense'],
  ['RU', 'Ministry of Defence of the Russian Federation'],
  ['US', 'Department of Defense'],
];

const countryNames: Record<string, string> = {
  BN: 'Brunei Darussalam',
  KH: 'Cambodia',
  ID: 'Indonesia',
  LA: 'Lao PDR',
  MY: 'Malaysia',
  MM: 'Myanmar',
  PH: 'Philippines',
  SG: 'Singapore',
  TH: 'Thailand',
  VN: 'Viet Nam',
  AU: 'Australia',
  CN: 'China',
  IN: 'India',
  JP: 'Japan',
  NZ: 'New Zealand',
  KR: 'Republic of Korea',
  RU: 'Russian Federation',
  US: 'United States',
};

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');

// Viet Nam's drill network under VNCERT/CC. Ministries and ministerial-level bodies (2025 structure).
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
  'Ministry of Ethnic and Religious Affairs',
  'State Bank of Vietnam',
  'Government Inspectorate',
  'Government Office',
];
const vnAgencies = [
  'Vietnam Social Security',
  'Vietnam News Agency',
  'Voice of Vietnam',
  'Vietnam Television',
  'Vietnam Academy of Science and Technology',
  'Vietnam Academy of Social Sciences',
  'Ho Chi Minh National Academy of Politics',
];
// The 34 provincial-level units since 1 July 2025: six centrally-run cities, then 28 provinces.
const vnCities = ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];
const vnProvinces = [
  'Tuyên Quang',
  'Cao Bằng',
  'Lai Châu',
  'Lào Cai',
  'Thái Nguyên',
  'Điện Biên',
  'Lạng Sơn',
  'Sơn La',
  'Phú Thọ',
  'Bắc Ninh',
  'Quảng Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
];
const vnHospitals: [string, string][] = [
  ['Bach Mai Hospital', 'Hà Nội'],
  ['Viet Duc University Hospital', 'Hà Nội'],
  ['Cho Ray Hospital', 'Thành phố Hồ Chí Minh'],
  ['Hue Central Hospital', 'Huế'],
  ['Da Nang Hospital', 'Đà Nẵng'],
  ['Can Tho Central General Hospital', 'Cần Thơ'],
];

const TZ_VN = 'Asia/Ho_Chi_Minh';

function buildVietNam() {
  const orgs: DemoOrganisation[] = [];
  const sites: DemoSite[] = [];
  const site = (orgKey: string, name: string, city: string, mode: DemoSite['mode']) =>
    sites.push({
      key: `vn:site:${slug(orgKey.replace('vn:org:', ''))}-${slug(name)}`,
      organisationKey: orgKey,
      name,
      city,
      timeZone: TZ_VN,
      mode,
    });
  for (const name of vnMinistries) {
    const key = `vn:org:${slug(name)}`;
    orgs.push({ key, name, type: 'ministry', sector: 'government', countryCode: 'VN', parentKey: 'cert:VN' });
    // Hanoi ministries send their incident-response team to the national drill room in person.
    site(key, 'Cybersecurity team', 'Hà Nội', 'in_person');
    site(key, 'IT centre', 'Hà Nội', 'online');
    site(key, 'Data centre', 'Hà Nội', 'online');
  }
  for (const name of vnAgencies) {
    const key = `vn:org:${slug(name)}`;
    orgs.push({ key, name, type: 'agency', sector: 'government', countryCode: 'VN', parentKey: 'cert:VN' });
    site(key, 'IT department', 'Hà Nội', 'online');
  }
  for (const name of [...vnCities, ...vnProvinces]) {
    const isCity = vnCities.includes(name);
    const key = `vn:org:${slug(name)}`;
    orgs.push({
      key,
      name: isCity ? `${name} City People's Committee` : `${name} Provincial People's Committee`,
      type: isCity ? 'city' : 'province',
      sector: 'local government',
      countryCode: 'VN',
      parentKey: 'cert:VN',
    });
    // Large cities also send a team to a regional drill room; provinces take part online.
    site(key, 'Department of Science and Technology', name, isCity ? 'in_person' : 'online');
    site(key, 'Provincial data centre', name, 'online');
    site(key, 'Public administration service centre', name, 'online');
    site(key, 'Police cybersecurity unit', name, 'online');
  }
  for (const [name, city] of vnHospitals) {
    const key = `vn:org:${slug(name)}`;
    orgs.push({ key, name, type: 'hospital', sector: 'health', countryCode: 'VN', parentKey: 'vn:org:ministry-of-health' });
    site(key, 'Hospital IT unit', city, 'online');
  }
  return { orgs, sites };
}

const vn = buildVietNam();

export const demoOrganisations: DemoOrganisation[] = [
  ...certs.map(([cc, name, short]) => ({
    key: `cert:${cc}`,
    name,
    shortName: short,
    type: 'national_cert' as const,
    sector: 'cybersecurity',
    countryCode: cc,
  })),
  ...defenceMinistries.map(([cc, name]) => ({
    key: `mod:${cc}`,
    // Several share a name ("Ministry of Defence"); the country tells them apart in lists.
    name: name.includes(countryNames[cc]) ? name : `${name} (${countryNames[cc]})`,
    type: 'ministry' as const,
    sector: 'defence',
    countryCode: cc,
  })),
  ...vn.orgs,
];

// Each national CERT's own operations room (not part of Viet Nam's 200-site drill network).
export const demoSites: DemoSite[] = [
  ...certs.map(([cc, , short, capital, tz]) => ({
    key: `cert-site:${cc}`,
    organisationKey: `cert:${cc}`,
    name: `${short} operations centre`,
    city: capital,
    timeZone: tz,
    mode: 'online' as const,
  })),
  ...vn.sites,
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
    key: 'person:vn:moh-it',
    organisationKey: 'vn:org:ministry-of-health',
    fullName: 'Trần Văn Minh',
    jobTitle: 'Head of IT',
    email: 'minh.tran@moh-vn.example',
  },
  {
    key: 'person:vn:bachmai-it',
    organisationKey: 'vn:org:bach-mai-hospital',
    fullName: 'Lê Hoàng Nam',
    jobTitle: 'IT security officer',
    email: 'nam.le@bachmai.example',
  },
  {
    key: 'person:jp:duty-lead',
    organisationKey: 'cert:JP',
    fullName: 'Sato Haruka',
    jobTitle: 'Incident handler',
    email: 'haruka.sato@jpcert.example',
  },
];

export const demoPointsOfContact: DemoPointOfContact[] = [
  ...certs.map(([cc, , short, , , calling]) => ({
    key: `poc:cert:${cc}`,
    organisationKey: `cert:${cc}`,
    label: '24/7 duty desk',
    phone24x7: `${calling} 555 0100`,
    email: `duty@${slug(short)}.example`,
  })),
  {
    key: 'poc:vn:moh-it',
    organisationKey: 'vn:org:ministry-of-health',
    personKey: 'person:vn:moh-it',
    label: 'IT on call',
    phone24x7: '+84 555 0101',
    email: 'oncall@moh-vn.example',
  },
  {
    key: 'poc:vn:bachmai-it',
    organisationKey: 'vn:org:bach-mai-hospital',
    personKey: 'person:vn:bachmai-it',
    label: 'Hospital IT on call',
    phone24x7: '+84 555 0102',
    email: 'it-oncall@bachmai.example',
  },
];

export const demoCommunities: DemoCommunity[] = [
  {
    key: 'community:asean',
    name: 'ASEAN',
    description: 'The national CERTs of the ten ASEAN member states',
    memberKeys: aseanCodes.map((c) => `cert:${c}`),
  },
  {
    key: 'community:asean-japan',
    name: 'ASEAN-Japan',
    description: 'ASEAN national CERTs and JPCERT/CC (ASEAN-Japan Cybersecurity Policy Meeting)',
    memberKeys: [...aseanCodes, 'JP'].map((c) => `cert:${c}`),
  },
  {
    key: 'community:admm-plus',
    name: 'ADMM-Plus',
    description: 'Defence ministries of the ASEAN Defence Ministers’ Meeting-Plus',
    memberKeys: defenceMinistries.map(([c]) => `mod:${c}`),
  },
];
