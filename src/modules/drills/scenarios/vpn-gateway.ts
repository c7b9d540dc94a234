/**
 * Built-in scenario 1: attackers enter state agencies through VPN gateway vulnerabilities, four
 * hours, across ASEAN and Japan. Built from real KEV entries (kev-vpn.json); every address is from
 * the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and every
 * domain ends in .example, so nothing here points at a real system.
 */
import type { BuiltinScenario } from './index.js';
import { ack, cert, everyone, expect, indicators, inject, manual, minutes, report, types } from './helpers.js';
import { advisory } from './kev.js';

const agencies = types('ministry', 'agency');

const vpnLog = `# sslvpnd authentication log (excerpt) — times in UTC
2026-11-27T18:02:11Z gw01 sslvpn: login success user=a.tran src=203.0.113.77 geo=?? tunnel=10.212.134.21
2026-11-27T18:02:14Z gw01 sslvpn: login success user=a.tran src=198.51.100.23 geo=?? tunnel=10.212.134.22
2026-11-27T18:05:40Z gw01 sslvpn: login failure user=admin src=192.0.2.45 reason=bad-password
2026-11-27T18:05:41Z gw01 sslvpn: login failure user=admin src=192.0.2.45 reason=bad-password
2026-11-27T18:05:43Z gw01 sslvpn: login failure user=vpnadmin src=192.0.2.45 reason=bad-password
2026-11-27T18:09:02Z gw01 sslvpn: login success user=svc-backup src=198.51.100.23 geo=?? tunnel=10.212.134.40
2026-11-27T18:09:05Z gw01 httpsd: GET /remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession src=198.51.100.23 status=200
2026-11-27T18:11:30Z gw01 sslvpn: tunnel 10.212.134.40 -> 10.20.1.15:3389 (RDP) bytes=1843221`;

const sessionLog = `# NetScaler Gateway session table (excerpt)
sessid=7f3a…c2 user=j.sato     client=10.8.1.44      created=2026-11-27T23:51Z
sessid=7f3a…c2 user=j.sato     client=203.0.113.140  reused=2026-11-28T02:14Z   <-- same session, new client
sessid=91b0…aa user=svc-backup client=198.51.100.23  created=2026-11-28T02:20Z  mfa=none`;

export function vpnGateway(): BuiltinScenario {
  return {
    key: 'builtin:vpn-gateway',
    name: 'VPN gateway exploitation against state agencies',
    summary:
      'Attackers exploit known VPN gateway vulnerabilities (CISA KEV: Fortinet, Citrix NetScaler, Check Point, SonicWall, Cisco ASA) to enter ministries and agencies; teams spot anomalous VPN log-ins, share indicators, and national CERTs notify each other across borders.',
    injects: [
      inject({
        ref: 'VPN-00',
        at: '00:00',
        targets: everyone,
        title: 'STARTEX — communication check for {team}',
        content:
          'This is the start of the exercise. {team} ({site}): acknowledge this message now. Your local time: {local_time}.\nInbox: {link}',
        expectations: [ack(10)],
      }),
      inject({
        ref: 'VPN-01',
        at: '00:05',
        targets: agencies,
        title: 'Advisory: SSL VPN path traversal actively exploited',
        content: `The national CERT relays a vendor advisory to all state agencies.\n\n${advisory('CVE-2018-13379')}\n\nIdentify every internet-facing VPN gateway you operate and its software version.`,
        tags: ['CVE-2018-13379', 'KEV'],
        expectations: [ack(15), report('inventory', 'List your internet-facing VPN gateways with vendor and version', 60)],
      }),
      inject({
        ref: 'VPN-02',
        at: '00:20',
        targets: agencies,
        title: 'Anomalous VPN log-ins overnight at {site}',
        content:
          'Your gateway logged successful log-ins for a finance officer from two foreign addresses three seconds apart, then a service account log-in followed by RDP into the internal network. The log excerpt is attached. Submit the source addresses you consider malicious.',
        attachments: [{ name: 'sslvpn-auth.log', mediaType: 'text/plain', content: vpnLog }],
        tags: ['T1133', 'T1078'],
        expectations: [indicators('sources', 'Submit the malicious source addresses', 45, ['198.51.100.23', '203.0.113.77'])],
      }),
      inject({
        ref: 'VPN-03',
        at: '00:30',
        targets: cert(),
        title: 'Partner intelligence: scanning wave against SSL VPN portals',
        content:
          'JPCERT/CC shares that 192.0.2.0/24 has been scanning SSL VPN portals across the region since 18:00 UTC, probing /remote/fgt_lang and /vpn/../vpns/. Relay to your constituency as you see fit.',
        expectations: [ack(15)],
      }),
      inject({
        ref: 'VPN-04',
        at: '00:45',
        targets: types('ministry'),
        title: 'Session reuse on the NetScaler Gateway',
        content: `${advisory('CVE-2023-4966')}\n\nThe session table (attached) shows a session reused from a new client. Which account logged in without MFA from the attacker's address? Submit it as the flag.`,
        attachments: [{ name: 'netscaler-sessions.txt', mediaType: 'text/plain', content: sessionLog }],
        tags: ['CVE-2023-4966', 'KEV'],
        expectations: [
          expect({
            ref: 'account',
            kind: 'flag',
            description: 'The account used without MFA',
            deadlineMs: minutes(30),
            score: 20,
            flag: { mode: 'case_insensitive', value: 'svc-backup', maxAttempts: 3 },
          }),
        ],
      }),
      inject({
        ref: 'VPN-05',
        at: '01:00',
        targets: cert('VN'),
        title: 'Escalation: three ministries report VPN intrusions',
        content:
          'Three ministries have reported successful VPN log-ins from 198.51.100.23. Open a national incident, set its RSIT classification and tell the ministries what to do first.',
        expectations: [ack(10), report('triage', 'Incident opened: classification, severity, first instructions', 30)],
      }),
      inject({
        ref: 'VPN-06',
        at: '01:10',
        targets: types('agency'),
        title: 'Web shell found on the VPN appliance',
        content:
          'Your administrator found an unknown file served by the appliance web server at /remote/login.js.bak. Write your containment plan: what do you isolate, what do you keep for forensics, who do you inform?',
        expectations: [manual('containment', 'Containment plan, judged by an evaluator', 40)],
      }),
      inject({
        ref: 'VPN-07',
        at: '01:20',
        targets: everyone,
        title: 'Beaconing to update-check.example',
        content:
          'Proxy logs show hosts behind the VPN resolving update-check.example every 60 s and posting to https://update-check.example/api/v2/telemetry. Submit the indicators you would block.',
        tags: ['T1071.001'],
        expectations: [indicators('c2', 'Submit the command-and-control indicators', 30, ['update-check.example'])],
      }),
      inject({
        ref: 'VPN-08',
        at: '01:30',
        targets: agencies,
        condition: { inject: 'VPN-01', on: 'missed', expectation: 'ack' },
        title: 'Reminder from the national CERT: acknowledge the VPN advisory',
        content: '{team}: we have no acknowledgement of the SSL VPN advisory sent at T+00:05. Acknowledge it and this reminder.',
        expectations: [ack(10, 2)],
      }),
      inject({
        ref: 'VPN-09',
        at: '01:40',
        targets: cert('VN'),
        title: 'Attacker infrastructure abroad: notify the partner CERTs',
        content:
          'The attacker addresses 203.0.113.0/24 belong to a hosting provider in Japan, and the C2 domain update-check.example is registered through a Singapore reseller. Send a cross-border notification to JPCERT/CC and SingCERT with what you know, under TLP:AMBER.',
        expectations: [report('notification', 'The notification sent to the partner CERTs', 20, 15)],
      }),
      inject({
        ref: 'VPN-10',
        at: '01:50',
        channel: 'email',
        targets: cert('JP', 'SG'),
        title: 'Incoming notification from VNCERT/CC (TLP:AMBER)',
        content:
          'VNCERT/CC reports intrusions into Vietnamese ministries through VPN gateways from 203.0.113.0/24 and C2 at update-check.example. Please investigate the infrastructure in your jurisdiction and reply with what you can share.',
        expectations: [ack(15), report('actions', 'Actions taken on the notified infrastructure', 45)],
      }),
      inject({
        ref: 'VPN-11',
        at: '02:00',
        targets: types('ministry'),
        title: 'Check Point gateways: password hashes may have leaked',
        content: `${advisory('CVE-2024-24919')}\n\nIf you run Check Point gateways with remote access enabled, report which local accounts you are resetting.`,
        tags: ['CVE-2024-24919', 'KEV'],
        expectations: [report('resets', 'Accounts reset and remaining exposure', 45)],
      }),
      inject({
        ref: 'VPN-12',
        at: '02:15',
        targets: types('agency'),
        title: 'Lateral movement from the VPN address pool',
        content:
          'EDR alerts: RDP sessions from the VPN pool 10.212.134.0/24 to three file servers, then archive creation with 7-Zip. Describe how you scope the compromise.',
        tags: ['T1021.001', 'T1560'],
        expectations: [manual('scoping', 'Scoping approach, judged by an evaluator', 45)],
      }),
      inject({
        ref: 'VPN-13',
        at: '02:30',
        targets: everyone,
        title: 'A journalist asks about a breach',
        content:
          'A reporter asks {team} to confirm that "government VPNs were hacked by foreign actors". Draft the holding statement you would send.',
        expectations: [report('statement', 'Holding statement', 30)],
      }),
      inject({
        ref: 'VPN-14',
        at: '02:45',
        targets: types('ministry'),
        title: 'Indicators from the FortiOS heap overflow campaign',
        content: `${advisory('CVE-2022-42475')}\n\nThe vendor lists connections to 2001:db8:4a::15 on port 443 and the file /data/lib/libips.bak. Submit the network indicator after checking your gateways.`,
        tags: ['CVE-2022-42475', 'KEV'],
        expectations: [indicators('ioc', 'Submit the network indicator you checked for', 30, ['2001:db8:4a::15'])],
      }),
      inject({
        ref: 'VPN-15',
        at: '03:00',
        targets: cert('MY', 'TH', 'PH'),
        title: 'The same actor is targeting your government VPNs',
        content:
          'Sensor data shows 198.51.100.23 and 203.0.113.77 authenticating to government VPN gateways in your country in the last hour. Confirm receipt and share any further indicators you hold.',
        expectations: [ack(10), indicators('shared', 'Indicators you can share', 30, [])],
      }),
      inject({
        ref: 'VPN-16',
        at: '03:10',
        targets: types('ministry', 'agency'),
        title: 'SSLVPN session hijacking on SonicWall firewalls',
        content: `${advisory('CVE-2024-53704')}\n\nWhich CVE identifier does this advisory concern? Submit it as the flag (format CVE-YYYY-NNNNN).`,
        tags: ['CVE-2024-53704', 'KEV'],
        expectations: [
          expect({
            ref: 'cve',
            kind: 'flag',
            description: 'The CVE identifier',
            deadlineMs: minutes(20),
            score: 10,
            flag: { mode: 'regex', value: '[Cc][Vv][Ee]-2024-53704', maxAttempts: 5 },
          }),
        ],
      }),
      inject({
        ref: 'VPN-17',
        at: '03:20',
        targets: cert('VN'),
        title: 'Situation report for the leadership',
        content:
          'The Minister asks for a one-page situation report: affected agencies, what is contained, what is still open, what help is needed from partners.',
        expectations: [report('sitrep', 'Situation report', 30, 20)],
      }),
      inject({
        ref: 'VPN-18',
        at: '03:30',
        targets: everyone,
        title: 'Brute force against remote-access VPN on Cisco ASA',
        content: `${advisory('CVE-2023-20269')}\n\nConfirm you have checked for this on any Cisco ASA or FTD devices.`,
        tags: ['CVE-2023-20269', 'KEV'],
        expectations: [ack(15)],
      }),
      inject({
        ref: 'VPN-19',
        at: '03:40',
        targets: agencies,
        title: 'Required actions: confirm patch status',
        content: `Confirm the state of each gateway against the KEV required actions:\n\n${advisory('CVE-2023-27997')}\n\n${advisory('CVE-2025-5777')}`,
        tags: ['CVE-2023-27997', 'CVE-2025-5777', 'KEV'],
        expectations: [report('patched', 'Patch and mitigation status per gateway', 20)],
      }),
      inject({
        ref: 'VPN-20',
        at: '03:50',
        targets: cert(),
        title: 'Regional coordination call: lessons so far',
        content: 'ASEAN-Japan CERTs meet in ten minutes. Send the one lesson your team wants the others to hear.',
        expectations: [report('lesson', 'One lesson for the region', 10, 5)],
      }),
      inject({
        ref: 'VPN-21',
        at: '03:55',
        targets: cert('MY', 'TH', 'PH'),
        condition: { inject: 'VPN-15', on: 'missed', expectation: 'shared' },
        title: 'Follow-up: indicators still awaited',
        content: 'We have not received indicators from {team}. Even "none found" helps the picture: please answer.',
        expectations: [ack(5, 2)],
      }),
      inject({
        ref: 'VPN-22',
        at: '04:00',
        targets: everyone,
        title: 'ENDEX — end of exercise',
        content: 'The exercise is over. Acknowledge, and thank you. The after-action questionnaire follows.',
        expectations: [ack(10, 2)],
      }),
    ],
  };
}
