/** Texts for demo tickets and comments, by queue: realistic enough that lists and searches look like a real desk. */
import { QUEUE } from './base-data';

export const INCIDENT_TITLES: Record<string, readonly string[]> = {
  [QUEUE.serviceDesk]: [
    'Outlook keeps asking for my password',
    'Cannot open the shared drive S:',
    'Teams calls drop after a few minutes',
    'Excel crashes when opening the sales report',
    'Lost my authenticator app after a phone change',
    'Account locked out after password change',
    'Certificate warning on the intranet',
    'Calendar invites arrive twice',
    'OneDrive stuck on "processing changes"',
    'Cannot print to the 3rd floor printer',
  ],
  [QUEUE.network]: [
    'VPN disconnects every ten minutes',
    'Wi-Fi in meeting room 2.14 is very slow',
    'No network on desk port 3-117',
    'Site link to the Munich branch is down',
    'Firewall blocks the supplier portal',
    'Desk phone has no dial tone',
    'Guest Wi-Fi portal does not load',
    'DNS lookups for the ERP system time out',
  ],
  [QUEUE.hardware]: [
    'Laptop battery is swelling',
    'Docking station does not detect the monitors',
    'Keyboard keys are sticking',
    'Laptop fan is loud and the case gets hot',
    'Screen flickers when the lid moves',
    'Printer jams on every print job',
    'Webcam not detected in video calls',
    'Headset microphone crackles',
  ],
  [QUEUE.field]: [
    'Scanner guns not charging in the warehouse',
    'Label printer at dock 4 is broken',
    'Meeting room display at the branch is dead',
    'Replace the failed switch in the store room',
    'Set up a workstation at the Munich branch',
    'Badge reader at the side entrance rejects cards',
    'Till printer at the shop counter is offline',
  ],
};

export const DESCRIPTIONS: readonly string[] = [
  'Started this morning. I restarted twice, it did not help.',
  'This happens several times a day and blocks my work with customers.',
  'Colleagues next to me have the same problem.',
  'Error message: "The operation could not be completed (0x80070005)".',
  'It worked fine until the update last week.',
  'Urgent: we have a deadline this afternoon.',
  'Not urgent, but it is getting annoying.',
  'I can be reached on my mobile all day.',
];

export const STAFF_REPLIES: readonly string[] = [
  'Thanks for reporting this — we are looking into it now.',
  'Could you send us a screenshot of the error message?',
  'A technician will come by tomorrow morning between 9 and 11.',
  'We have applied a fix on our side; please check whether it works for you now.',
  'Please restart your laptop while connected to the office network and let us know.',
  'We are waiting for a replacement part; we will update you as soon as it arrives.',
];

export const INTERNAL_NOTES: readonly string[] = [
  'Checked the logs: matches known issue KB-1042.',
  'Escalated to the vendor, case number 4471-220.',
  'Spare part ordered, ETA two business days.',
  'Same root cause as last week’s outage; linking to the problem record.',
  'User confirmed on the phone; closing after 48 h if no news.',
  'Remote session done, driver reinstalled.',
];

export const REQUESTER_REPLIES: readonly string[] = [
  'It still happens after a restart.',
  'Screenshot attached — the error appears right after login.',
  'Works now, thank you!',
  'Any news on this? It is still blocking me.',
  'I will be out of the office on Friday, Monday works.',
];

export const TAGS: readonly string[] = ['vip', 'outage', 'remote', 'onsite', 'vendor', 'recurring', 'new-starter'];
