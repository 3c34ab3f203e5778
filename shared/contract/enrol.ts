import { z } from 'zod';
import type { AppState } from './app';
import type { HandoverResult, InvitationInfo, InvitationPreview, KeyRotation, SignedFileOutput } from '../domain/enrol';
import type { ReceiverInfo } from '../domain/exchange';
import { UserInput } from '../domain/mission';
import { channel } from './define';

/** A signed file's text (an invitation, a hand-over, a key notice: small JSON files). */
const FileText = z.string().min(1).max(8_000_000);
/** The fingerprint a person compared with the signer's, when this computer does not trust it yet. */
const Compared = z.string().trim().max(100).optional();

export const enrolChannels = {
  /** Head: a signed invitation for one person's computer. */
  'enrol.invite': channel(z.object({ name: UserInput.shape.name, days: z.number().int().min(1).max(90).default(14) })).returns<
    SignedFileOutput & { expiresAt: string }
  >(),
  'enrol.invitations': channel(z.object({})).returns<InvitationInfo[]>(),
  /** What an invitation holds (before setting up from it). */
  'enrol.preview': channel(z.object({ text: FileText })).returns<InvitationPreview>(),
  /** Sets this computer up from an invitation: the mission and the head come from the file. */
  'enrol.join': channel(z.object({ text: FileText, user: UserInput.pick({ name: true }) })).returns<AppState>(),
  'enrol.handover': channel(z.object({})).returns<SignedFileOutput>(),
  'enrol.acceptHandover': channel(z.object({ text: FileText, fingerprint: Compared })).returns<HandoverResult>(),
  /** HQ: a new key (the old ones still decrypt), and the notice for the missions. */
  'enrol.rotateKey': channel(z.object({})).returns<KeyRotation>(),
  /** Mission: HQ's saved receiver takes the key of a notice, keeping its chain. */
  'enrol.receiverKey': channel(z.object({ text: FileText, fingerprint: Compared })).returns<ReceiverInfo & { fingerprint: string }>(),
};
