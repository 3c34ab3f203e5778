import type { English } from '../english';
/**
 * trust texts: who may revoke, replace and hand over; acknowledgements received in the window;
 * the hand-over and HQ's key change as buttons. Vietnamese first.
 */
export const vi = {
  trust: {
    staffNoRevoke: 'Chỉ Trưởng Cơ quan đại diện hoặc Bộ mới thu hồi hay thay máy được.',
    otherMissionNoRevoke: 'Máy của {{mission}}: Trưởng Cơ quan đại diện chỉ thu hồi máy của Cơ quan mình.',
    ackTitle: 'Xác nhận đã nhận',
    ackDone_other: '{{file}}: đã xác nhận lô số {{list}}.',
    ackNothing: '{{file}}: không có lô mới nào của máy này được xác nhận.',
    ackKept_other: 'Giữ {{count}} bản trong hộp thư đi đến lần sao lưu sau, để khôi phục bản sao lưu cũ vẫn lấy lại được.',
    handoverIntro:
      'Khi đổi Trưởng Cơ quan đại diện: máy cũ ghi một tệp bàn giao đã ký số (các máy đang được tin cậy và các nơi nhận), máy mới nhận tệp đó sau khi so sánh dấu vân tay.',
    handoverWrite: 'Bàn giao vai trò Trưởng Cơ quan đại diện',
    handoverConfirm:
      'Ghi tệp bàn giao gồm các máy mà máy này tin cậy và các nơi nhận đã lưu? Trao tệp tận tay Trưởng Cơ quan đại diện mới và đọc cho họ dấu vân tay của máy này.',
    handoverWritten: 'Đã ghi tệp {{file}}. Đọc dấu vân tay này cho Trưởng Cơ quan đại diện mới:',
    handoverDownload: 'Tải lại tệp bàn giao',
    accept: 'Nhận bàn giao',
    acceptIntro: 'Trưởng Cơ quan đại diện mới: chọn tệp bàn giao (.cnhandover.json) do Trưởng Cơ quan đại diện cũ trao.',
    acceptCompare:
      'Máy này chưa tin cậy máy của Trưởng Cơ quan đại diện cũ. Dấu vân tay trong tệp: {{fingerprint}}. Chỉ xác nhận nếu khớp với dấu vân tay Trưởng Cơ quan đại diện cũ đọc cho bạn.',
    fingerprintMatches: 'Dấu vân tay khớp',
    accepted: 'Đã nhận bàn giao từ máy {{fingerprint}}: {{devices}} máy được tin cậy, {{receivers}} nơi nhận được lưu.',
    rotate: 'Đổi khóa của Bộ',
    rotateIntro:
      'Bộ nhận một khóa mới; khóa cũ vẫn mở được các lô đã mã hóa bằng nó. Các Cơ quan đại diện cần tệp thông báo khóa để gửi các lô tiếp theo bằng khóa mới.',
    rotateConfirm: 'Đổi khóa của Bộ? Sau đó phải gửi tệp thông báo khóa cho mọi Cơ quan đại diện và công bố địa chỉ nhận mới. Không quay lại khóa cũ được.',
    rotated: 'Đã đổi khóa. Địa chỉ nhận mới:',
    rotatedFingerprint: 'Dấu vân tay máy của Bộ, để các Cơ quan đại diện so sánh:',
    rotatedFile: 'Tệp thông báo khóa {{file}}: gửi tệp này cho các Cơ quan đại diện.',
    rotatedDownload: 'Tải lại tệp thông báo khóa',
  },
  errors: {
    DEVICE_HEAD_OR_HQ_ONLY: 'Chỉ máy của Trưởng Cơ quan đại diện hoặc của Bộ mới thu hồi hay thay máy được. Hãy báo Trưởng Cơ quan đại diện.',
    DEVICE_OTHER_MISSION:
      'Máy này thuộc {{mission}}. Trưởng Cơ quan đại diện chỉ thu hồi hay thay máy của Cơ quan mình ({{own}}); máy của Cơ quan khác do Bộ thu hồi.',
    HANDOVER_HEAD_ONLY: 'Chỉ máy của Trưởng Cơ quan đại diện mới bàn giao hay nhận bàn giao vai trò Trưởng Cơ quan đại diện.',
  },
};

export const en: English<typeof vi> = {
  trust: {
    staffNoRevoke: 'Only the head of mission or HQ revokes or replaces a computer.',
    otherMissionNoRevoke: 'A computer of {{mission}}: the head of mission revokes only its own mission’s computers.',
    ackTitle: 'Acknowledgements',
    ackDone_one: '{{file}}: batch {{list}} acknowledged.',
    ackDone_other: '{{file}}: batches {{list}} acknowledged.',
    ackNothing: '{{file}}: no new batch of this computer acknowledged.',
    ackKept_one: 'Keeping {{count}} copy in the outbox until the next backup, so that restoring an older backup still gets it back.',
    ackKept_other: 'Keeping {{count}} copies in the outbox until the next backup, so that restoring an older backup still gets them back.',
    handoverIntro:
      'When the head of mission changes: the outgoing head’s computer writes a signed hand-over file (the computers it trusts and its receivers); the new head’s computer takes it after comparing the fingerprint.',
    handoverWrite: 'Hand over the head of mission’s role',
    handoverConfirm:
      'Write a hand-over file with the computers this one trusts and its saved receivers? Hand the file to the new head of mission in person and read them this computer’s fingerprint.',
    handoverWritten: 'Wrote {{file}}. Read this fingerprint to the new head of mission:',
    handoverDownload: 'Download the hand-over file again',
    accept: 'Take over',
    acceptIntro: 'New head of mission: choose the hand-over file (.cnhandover.json) the outgoing head gave you.',
    acceptCompare:
      'This computer does not trust the outgoing head’s computer. The fingerprint in the file: {{fingerprint}}. Confirm only if it matches the fingerprint the outgoing head reads to you.',
    fingerprintMatches: 'The fingerprint matches',
    accepted: 'Took over from computer {{fingerprint}}: {{devices}} computers trusted, {{receivers}} receivers saved.',
    rotate: 'Change HQ’s key',
    rotateIntro:
      'HQ takes a new key; the old one still opens batches encrypted to it. The missions need the key notice file to send their next batches to the new key.',
    rotateConfirm:
      'Change HQ’s key? Then send the key notice file to every mission and publish the new receiving address. There is no going back to the old key.',
    rotated: 'Key changed. New receiving address:',
    rotatedFingerprint: 'Fingerprint of HQ’s computer, for the missions to compare:',
    rotatedFile: 'Key notice file {{file}}: send it to the missions.',
    rotatedDownload: 'Download the key notice file again',
  },
  errors: {
    DEVICE_HEAD_OR_HQ_ONLY: 'Only the head of mission’s computer or HQ’s revokes or replaces a computer. Ask the head of mission.',
    DEVICE_OTHER_MISSION:
      'This computer belongs to {{mission}}. The head of mission revokes or replaces only its own mission’s computers ({{own}}); another mission’s are revoked by HQ.',
    HANDOVER_HEAD_ONLY: 'Only the head of mission’s computer hands over or takes over the head of mission’s role.',
  },
};
