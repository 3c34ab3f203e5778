import type { English } from '../english';
/**
 * trust texts: who may revoke, replace and hand over; acknowledgements received in the window;
 * the hand-over and HQ's key change as buttons. Vietnamese first.
 */
export const vi = {
  trust: {
    staffNoRevoke: 'Chỉ Trưởng Cơ quan đại diện hoặc Bộ mới thu hồi hay thay máy được.',
    otherMissionNoRevoke: 'Máy của {{mission}}: Trưởng Cơ quan đại diện chỉ thu hồi máy của Cơ quan mình.',
  },
  errors: {
    DEVICE_HEAD_OR_HQ_ONLY: 'Chỉ máy của Trưởng Cơ quan đại diện hoặc của Bộ mới thu hồi hay thay máy được. Hãy báo Trưởng Cơ quan đại diện.',
    DEVICE_OTHER_MISSION: 'Máy này thuộc {{mission}}. Trưởng Cơ quan đại diện chỉ thu hồi hay thay máy của Cơ quan mình ({{own}}); máy của Cơ quan khác do Bộ thu hồi.',
    HANDOVER_HEAD_ONLY: 'Chỉ máy của Trưởng Cơ quan đại diện mới bàn giao hay nhận bàn giao vai trò Trưởng Cơ quan đại diện.',
  },
};

export const en: English<typeof vi> = {
  trust: {
    staffNoRevoke: 'Only the head of mission or HQ revokes or replaces a computer.',
    otherMissionNoRevoke: 'A computer of {{mission}}: the head of mission revokes only its own mission’s computers.',
  },
  errors: {
    DEVICE_HEAD_OR_HQ_ONLY: 'Only the head of mission’s computer or HQ’s revokes or replaces a computer. Ask the head of mission.',
    DEVICE_OTHER_MISSION: 'This computer belongs to {{mission}}. The head of mission revokes or replaces only its own mission’s computers ({{own}}); another mission’s are revoked by HQ.',
    HANDOVER_HEAD_ONLY: 'Only the head of mission’s computer hands over or takes over the head of mission’s role.',
  },
};
