import { describe, expect, it } from 'vitest';
import { HLC_MAX_DRIFT_MS, HybridLogicalClock, parseHlc } from '../../shared/hlc';

describe('hybrid logical clock', () => {
  it('is strictly increasing even when the wall clock stands still or goes back', () => {
    let wall = 1_750_000_000_000;
    const clock = new HybridLogicalClock('device-a', null, () => wall);
    const stamps = [clock.now(), clock.now()];
    wall -= 5000;
    stamps.push(clock.now());
    wall += 10_000;
    stamps.push(clock.now());
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    expect(parseHlc(stamps[1]!)).toEqual({ millis: 1_750_000_000_000, counter: 1, deviceId: 'device-a' });
  });

  it('moves past a received timestamp and breaks ties by device id', () => {
    const wall = 1_750_000_000_000;
    const a = new HybridLogicalClock('device-a', null, () => wall);
    const b = new HybridLogicalClock('device-b', null, () => wall - 60_000);
    const fromA = a.now();
    b.receive(fromA);
    const next = b.now();
    expect(next > fromA).toBe(true);
    // Same millis and counter: the device id decides.
    expect('1750000000000-0000-device-b' > '1750000000000-0000-device-a').toBe(true);
  });

  it('refuses a clock far in the future and garbage', () => {
    const wall = 1_750_000_000_000;
    const clock = new HybridLogicalClock('x', null, () => wall);
    expect(() => clock.receive(`${wall + HLC_MAX_DRIFT_MS + 1000}-0000-y`)).toThrow(/ahead/);
    expect(() => clock.receive('not a clock')).toThrow();
    clock.receive(`${wall + 1000}-0003-y`);
    expect(parseHlc(clock.now())!.millis).toBe(wall + 1000);
  });

  it('restores from its last value', () => {
    const clock = new HybridLogicalClock('x', '9999999999999-0002-x', () => 1);
    expect(clock.now()).toBe('9999999999999-0003-x');
  });
});
