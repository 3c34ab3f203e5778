/**
 * Hybrid logical clock. A timestamp is a string that sorts in causal order:
 * 13-digit wall milliseconds, 4-hex counter, then the device id, so comparing two
 * strings compares time, then counter, then device (the tie-break for last writer wins).
 */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const HLC_PATTERN = /^(\d{13})-([0-9a-f]{4})-(.+)$/;

export interface HlcParts {
  millis: number;
  counter: number;
  deviceId: string;
}

export function formatHlc({ millis, counter, deviceId }: HlcParts): string {
  return `${String(millis).padStart(13, '0')}-${counter.toString(16).padStart(4, '0')}-${deviceId}`;
}

export function parseHlc(value: string): HlcParts | null {
  const m = HLC_PATTERN.exec(value);
  if (!m) return null;
  return { millis: Number(m[1]), counter: parseInt(m[2]!, 16), deviceId: m[3]! };
}

export class HlcClockError extends Error {
  constructor(
    readonly code: 'HLC_DRIFT' | 'HLC_OVERFLOW' | 'HLC_INVALID',
    message: string,
  ) {
    super(message);
  }
}

export class HybridLogicalClock {
  private millis: number;
  private counter: number;

  constructor(
    readonly deviceId: string,
    last: string | null = null,
    private readonly wallClock: () => number = Date.now,
  ) {
    const parts = last ? parseHlc(last) : null;
    this.millis = parts?.millis ?? 0;
    this.counter = parts?.counter ?? 0;
  }

  /** A timestamp for a local event, later than every one issued or received before. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.current();
  }

  /** Folds a remote timestamp into the clock; refuses one too far in the future. */
  receive(remote: string): void {
    const parts = parseHlc(remote);
    if (!parts) throw new HlcClockError('HLC_INVALID', `Not a clock value: ${remote}`);
    const wall = this.wallClock();
    if (parts.millis - wall > HLC_MAX_DRIFT_MS) {
      throw new HlcClockError('HLC_DRIFT', `Clock value ${remote} is more than a day ahead of this computer's clock`);
    }
    const top = Math.max(wall, this.millis, parts.millis);
    if (top === this.millis && top === parts.millis) this.counter = Math.max(this.counter, parts.counter) + 1;
    else if (top === this.millis) this.counter += 1;
    else if (top === parts.millis) this.counter = parts.counter + 1;
    else this.counter = 0;
    this.millis = top;
    if (this.counter > 0xffff) throw new HlcClockError('HLC_OVERFLOW', 'Clock counter overflow');
  }

  current(): string {
    return formatHlc({ millis: this.millis, counter: this.counter, deviceId: this.deviceId });
  }

  private bumpCounter(): void {
    this.counter += 1;
    if (this.counter > 0xffff) {
      // More than 65,535 events in one millisecond: borrow the next millisecond.
      this.millis += 1;
      this.counter = 0;
    }
  }
}
