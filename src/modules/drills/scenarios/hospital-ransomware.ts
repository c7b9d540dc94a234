/**
 * Built-in scenario 2: ransomware at medical institutions, four hours. Hospital IT units find
 * encrypted systems and a ransom note, patient care suffers, the hospitals escalate to their
 * national CERT, hospitals in other countries are hit by the same (fictional) strain, and a false
 * report that patient data was published spreads: that inject is tagged with its DISARM technique
 * (T0085.003 "Develop Inauthentic News Articles", attack-pattern--330de45e-8e37-4b57-95e4-fa75580b36a8).
 * Addresses are from documentation ranges, domains end in .example, the hashes are made up.
 */
import type { BuiltinScenario } from './index.js';
import { ack, cert, everyone, expect, indicators, inject, manual, minutes, report, types } from './helpers.js';

const hospitals = types('hospital');
const SAMPLE_SHA256 = '9f2c4d1e7a0b3c5d6e8f9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f';

const ransomNote = `!!! YOUR NETWORK HAS BEEN ENCRYPTED BY CRYOLOCK !!!
All files on your servers have the extension .cryolock.
We also downloaded 412 GB of your data, including patient records.
To get the decryptor, visit http://cryolock-pay.example/portal and enter ID 7741-HOSP.
If you do not pay within 72 hours, the data will be published on leaks-cryolock.example.
Do not contact the police or any CERT. Do not rename files.`;

export function hospitalRansomware(): BuiltinScenario {
  return {
    key: 'builtin:hospital-ransomware',
    name: 'Ransomware against medical institutions',
    summary:
      'A ransomware strain ("CRYOLOCK", fictional) encrypts hospital systems across several countries: hospital IT units contain it and keep patients safe, escalate to their national CERT, CERTs share indicators across borders, and a false claim that patient data was leaked has to be checked and answered.',
    injects: [
      inject({
        ref: 'HOSP-00',
        at: '00:00',
        targets: everyone,
        title: 'STARTEX — communication check for {team}',
        content: 'This is the start of the exercise. {team} ({site}): acknowledge now. Your local time: {local_time}.',
        expectations: [ack(10)],
      }),
      inject({
        ref: 'HOSP-01',
        at: '00:05',
        targets: hospitals,
        title: 'Helpdesk flooded: files cannot be opened',
        content:
          'Since 06:40 local time staff on three wards report that documents and scanned images will not open; file names end in .cryolock. The electronic health record is slow. What do you do in the first 30 minutes?',
        expectations: [ack(10), report('first-actions', 'First actions and initial assessment', 30)],
      }),
      inject({
        ref: 'HOSP-02',
        at: '00:15',
        targets: hospitals,
        title: 'Ransom note on the file servers',
        content: 'A ransom note (attached) is in every shared folder. Submit the indicators it gives you.',
        attachments: [{ name: 'README_CRYOLOCK.txt', mediaType: 'text/plain', content: ransomNote }],
        tags: ['T1486', 'T1657'],
        expectations: [indicators('note-iocs', 'Indicators from the ransom note', 30, ['cryolock-pay.example'])],
      }),
      inject({
        ref: 'HOSP-03',
        at: '00:30',
        targets: hospitals,
        title: 'Patient care impact: EHR and imaging down',
        content:
          'The EHR is now unavailable, the radiology PACS is encrypted, and the emergency department asks whether to divert ambulances. Decide on downtime procedures and who informs clinicians and patients.',
        expectations: [manual('downtime', 'Downtime and patient-safety decisions, judged by an evaluator', 30, 25)],
      }),
      inject({
        ref: 'HOSP-04',
        at: '00:45',
        targets: hospitals,
        title: 'Escalate to the national CERT',
        content:
          'Your hospital must report the incident to the national CERT within the hour. Send the report: what happened, impact, what you need.',
        expectations: [report('escalation', 'Incident report to the national CERT', 30, 15)],
      }),
      inject({
        ref: 'HOSP-05',
        at: '00:50',
        targets: cert('VN'),
        title: 'Hospitals report ransomware',
        content:
          'Bach Mai, Cho Ray and Hue Central hospitals report encrypted systems with the same ransom note. Open one national incident, assign the hospitals tasks, and tell the Ministry of Health.',
        expectations: [ack(10), report('national-incident', 'National incident: classification, tasks, who was informed', 30, 15)],
      }),
      inject({
        ref: 'HOSP-06',
        at: '01:00',
        targets: hospitals,
        title: 'Malware sample recovered',
        content: `Your EDR quarantined the encryptor on a file server: cryolock.exe, SHA-256 ${SAMPLE_SHA256}. Submit it so other hospitals can hunt for it.`,
        expectations: [indicators('sample', 'The sample hash', 30, [SAMPLE_SHA256])],
      }),
      inject({
        ref: 'HOSP-07',
        at: '01:15',
        targets: cert('TH', 'MY', 'PH'),
        title: 'Hospitals in your country hit by the same strain',
        content:
          'Two hospitals in your country report CRYOLOCK ransom notes this morning. VNCERT/CC has published indicators to the ASEAN-Japan community. Confirm and report what you see.',
        expectations: [ack(10), report('situation', 'Situation in your country', 40)],
      }),
      inject({
        ref: 'HOSP-08',
        at: '01:30',
        targets: cert(),
        title: 'CERT-PH shares infrastructure of the strain',
        content:
          'CERT-PH reports the encryptor downloads its key from 198.51.100.66 and exfiltrates to 203.0.113.45 over HTTPS. Submit these to your national collection for your hospitals to block.',
        expectations: [indicators('shared-infra', 'The infrastructure indicators', 30, ['198.51.100.66', '203.0.113.45'])],
      }),
      inject({
        ref: 'HOSP-09',
        at: '01:45',
        targets: hospitals,
        title: 'Are the backups intact?',
        content:
          'The backup server was joined to the domain. Describe how you verify which backups are clean and in what order you restore clinical systems.',
        expectations: [manual('backups', 'Backup verification and restore order, judged by an evaluator', 45)],
      }),
      inject({
        ref: 'HOSP-10',
        at: '02:00',
        targets: everyone,
        title: 'Social media: "patient records published"',
        content:
          'A news-style post is spreading: "Hackers publish 400 GB of patient records from Vietnamese hospitals", linking to leaks-cryolock.example. Screenshots show spreadsheets of names and diagnoses. Check the claim and say how you respond publicly.',
        tags: ['misinformation', 'DISARM:T0085.003', 'attack-pattern--330de45e-8e37-4b57-95e4-fa75580b36a8'],
        expectations: [report('response', 'Your assessment of the claim and your public response', 45, 20)],
      }),
      inject({
        ref: 'HOSP-11',
        at: '02:10',
        targets: cert(),
        title: 'Verify the "leak" site',
        content:
          'Analysis of the screenshots: the "patient records" are the sample data of an open-source hospital system. The site hosting them is the one named in the ransom note. Which domain hosts the fabricated leak? Submit it as the flag.',
        tags: ['misinformation', 'DISARM:T0085.003'],
        expectations: [
          expect({
            ref: 'leak-domain',
            kind: 'flag',
            description: 'The domain of the fabricated leak site',
            deadlineMs: minutes(30),
            score: 15,
            flag: { mode: 'case_insensitive', value: 'leaks-cryolock.example', maxAttempts: 3 },
          }),
        ],
      }),
      inject({
        ref: 'HOSP-12',
        at: '02:20',
        targets: hospitals,
        condition: { inject: 'HOSP-01', on: 'missed', expectation: 'ack' },
        title: 'Reminder from the national CERT',
        content: '{team}: we have had no acknowledgement since the incident began. Acknowledge this message and call the duty desk.',
        expectations: [ack(10, 2)],
      }),
      inject({
        ref: 'HOSP-13',
        at: '02:30',
        targets: hospitals,
        title: 'The attackers offer a "discount"',
        content:
          'The attackers e-mail the director offering the decryptor for half the price if paid today. The board asks for your recommendation.',
        expectations: [manual('ransom-decision', 'Recommendation to the board, judged by an evaluator', 30)],
      }),
      inject({
        ref: 'HOSP-14',
        at: '02:45',
        targets: cert('VN'),
        title: 'The Ministry of Health asks for status',
        content:
          'The Minister of Health will speak to the press at 16:00 local time and needs: hospitals affected, patient impact, data exposure confirmed or not.',
        expectations: [report('moh-brief', 'Brief for the Ministry of Health', 30, 15)],
      }),
      inject({
        ref: 'HOSP-15',
        at: '03:00',
        targets: hospitals,
        title: 'Restoration plan',
        content: 'Clinical directors want to know when the EHR and imaging come back. Send your restoration plan with times.',
        expectations: [report('restore', 'Restoration plan', 45)],
      }),
      inject({
        ref: 'HOSP-16',
        at: '03:10',
        channel: 'email',
        targets: cert('JP', 'SG'),
        title: 'Request for information from VNCERT/CC',
        content: 'VNCERT/CC asks whether hospitals in your country have seen CRYOLOCK and whether 198.51.100.66 is known to you.',
        expectations: [ack(15), report('rfi-answer', 'Answer to the request', 40)],
      }),
      inject({
        ref: 'HOSP-17',
        at: '03:20',
        targets: everyone,
        title: 'Prepare for the press conference',
        content: 'Draft three key messages for the press conference, including on the false leak claim.',
        expectations: [report('messages', 'Three key messages', 25)],
      }),
      inject({
        ref: 'HOSP-18',
        at: '03:30',
        targets: hospitals,
        title: 'Second wave through the hospital VPN',
        content:
          'New log-ins to the hospital VPN from 203.0.113.45 with a radiologist account. Submit the indicator and say what you do with the account.',
        expectations: [indicators('second-wave', 'The source address', 20, ['203.0.113.45'])],
      }),
      inject({
        ref: 'HOSP-19',
        at: '03:40',
        targets: cert(),
        title: 'Share with the ASEAN-Japan community',
        content: 'Submit every indicator of this incident you can share at TLP:GREEN, so other countries can protect their hospitals.',
        expectations: [indicators('community', 'Indicators for the community', 20, [])],
      }),
      inject({
        ref: 'HOSP-20',
        at: '03:50',
        targets: everyone,
        condition: { inject: 'HOSP-10', on: 'met', expectation: 'response' },
        title: 'The false leak claim is debunked',
        content: 'Fact-checkers cite your statement: the "leak" is fabricated. Keep monitoring for new claims.',
      }),
      inject({
        ref: 'HOSP-21',
        at: '04:00',
        targets: everyone,
        title: 'ENDEX — end of exercise',
        content: 'The exercise is over. Acknowledge, and thank you.',
        expectations: [ack(10, 2)],
      }),
    ],
  };
}
