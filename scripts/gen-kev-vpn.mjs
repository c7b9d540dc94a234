// Generates src/modules/drills/scenarios/kev-vpn.json: the VPN-gateway entries of the CISA Known
// Exploited Vulnerabilities catalogue that the built-in "VPN gateway exploitation" scenario uses.
// The product ships this small extract (it never reads ../shared at run time); the catalogue is
// CC0 1.0, noted beside the extract in kev-vpn.LICENSE.md.
//   node scripts/gen-kev-vpn.mjs [path/to/known_exploited_vulnerabilities.json]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'kev', 'known_exploited_vulnerabilities.json');
const catalogue = JSON.parse(readFileSync(source, 'utf8'));

// VPN gateways of vendors common in ASEAN and Japanese government networks, each a real KEV entry.
const chosen = [
  'CVE-2018-13379', // Fortinet FortiOS SSL VPN path traversal (credential leaks, 2020–21)
  'CVE-2022-42475', // Fortinet FortiOS SSL-VPN heap overflow
  'CVE-2023-27997', // Fortinet FortiOS and FortiProxy SSL-VPN heap overflow
  'CVE-2023-4966', // Citrix NetScaler "Citrix Bleed" session leak
  'CVE-2025-5777', // Citrix NetScaler out-of-bounds read ("Citrix Bleed 2")
  'CVE-2024-24919', // Check Point Quantum Security Gateways information disclosure
  'CVE-2024-53704', // SonicWall SonicOS SSLVPN authentication bypass
  'CVE-2023-20269', // Cisco ASA / FTD remote-access VPN brute force
];
const isVpn = (v) => /vpn|gateway|netscaler|ssl-?vpn|sslvpn/i.test(`${v.product} ${v.vulnerabilityName} ${v.shortDescription}`);
const entries = chosen.map((id) => {
  const v = catalogue.vulnerabilities.find((x) => x.cveID === id);
  if (!v) throw new Error(`${id} is not in the catalogue`);
  if (!isVpn(v)) throw new Error(`${id} does not look like a VPN gateway entry`);
  return {
    cveID: v.cveID,
    vendorProject: v.vendorProject.trim(),
    product: v.product.trim(),
    vulnerabilityName: v.vulnerabilityName,
    dateAdded: v.dateAdded,
    shortDescription: v.shortDescription,
    requiredAction: v.requiredAction,
    knownRansomwareCampaignUse: v.knownRansomwareCampaignUse,
  };
});
const out = {
  source: 'CISA Known Exploited Vulnerabilities catalogue (https://www.cisa.gov/known-exploited-vulnerabilities-catalog)',
  licence: 'CC0 1.0 Universal (see kev-vpn.LICENSE.md)',
  catalogVersion: catalogue.catalogVersion,
  vulnerabilities: entries,
};
const target = path.join(root, 'src', 'modules', 'drills', 'scenarios', 'kev-vpn.json');
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${entries.length} entries to ${path.relative(root, target)}`);
