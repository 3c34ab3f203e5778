/** Devices over time as the UI and the CLI see them: invitations, a head's hand-over, HQ's key rotation. */
import type { Mission } from './mission';

export interface InvitationInfo {
  name: string;
  createdAt: string;
  expiresAt: string;
  /** The device that used it, once its first batch arrived. */
  usedBy: string | null;
  usedAt: string | null;
}

/** What a staff device shows of an invitation before setting up from it. */
export interface InvitationPreview {
  mission: Mission;
  name: string;
  invitedBy: string;
  expiresAt: string;
  head: { deviceId: string; fingerprint: string; publicKey: string; recipient: string };
}

/** A file written for another computer (its text and a name to save it under). */
export interface SignedFileOutput {
  fileName: string;
  text: string;
}

export interface HandoverResult {
  /** The old head's device. */
  from: { deviceId: string; fingerprint: string };
  devices: number;
  receivers: number;
}

export interface KeyRotation extends SignedFileOutput {
  recipient: string;
  previousRecipient: string;
  fingerprint: string;
}
