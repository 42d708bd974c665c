import { describe, expect, it } from 'vitest';
import { findWhen, parseWhen } from '../../src/deadline/parse-when.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const at = (input: string, tz = 'UTC') => {
  const r = parseWhen(input, NOW, tz);
  return r.kind === 'ok' ? r.at.toISOString() : r.kind;
};

describe('parseWhen: absolute dates mean the end of that day in the user\'s zone', () => {
  it.each([
    ['2026-12-05', '2026-12-05T23:59:59.000Z'],
    ['05.12.2026', '2026-12-05T23:59:59.000Z'],
    ['5.12', '2026-12-05T23:59:59.000Z'],
    ['25/12', '2026-12-25T23:59:59.000Z'],
    ['12/25/2026', '2026-12-25T23:59:59.000Z'],
    ['Dec 5', '2026-12-05T23:59:59.000Z'],
    ['December 5th, 2026', '2026-12-05T23:59:59.000Z'],
    ['5 décembre', '2026-12-05T23:59:59.000Z'],
    ['1er décembre', '2026-12-01T23:59:59.000Z'],
    ['5 декабря', '2026-12-05T23:59:59.000Z'],
    ['5 de diciembre', '2026-12-05T23:59:59.000Z'],
    ['5 de dezembro', '2026-12-05T23:59:59.000Z'],
    ['5. Dezember', '2026-12-05T23:59:59.000Z'],
    ['5 dicembre', '2026-12-05T23:59:59.000Z'],
    ['5 grudnia', '2026-12-05T23:59:59.000Z'],
    ['Jan 10', '2027-01-10T23:59:59.000Z'],
  ])('%s', (input, expected) => {
    expect(at(input)).toBe(expected);
  });

  it('reads an ISO date-time in the user\'s zone', () => {
    expect(at('2026-12-05T18:00', 'Europe/Paris')).toBe('2026-12-05T17:00:00.000Z');
    expect(at('2026-12-05', 'Europe/Moscow')).toBe('2026-12-05T20:59:59.000Z');
  });
});

describe('parseWhen: durations are exact to the second from now', () => {
  it.each([
    ['36h', 36 * 3600],
    ['12d', 12 * 86400],
    ['2w', 14 * 86400],
    ['in 12 days', 12 * 86400],
    ['через 12 дней', 12 * 86400],
    ['через 2 недели', 14 * 86400],
    ['dans 12 jours', 12 * 86400],
    ['en 12 días', 12 * 86400],
    ['em 12 dias', 12 * 86400],
    ['dentro de 3 semanas', 21 * 86400],
    ['in 12 Tagen', 12 * 86400],
    ['tra 12 giorni', 12 * 86400],
    ['za 12 dni', 12 * 86400],
    ['48 часов', 48 * 3600],
  ])('%s', (input, seconds) => {
    const r = parseWhen(input, NOW, 'UTC');
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(r.relative).toBe(true);
      expect((r.at.getTime() - NOW.getTime()) / 1000).toBe(seconds);
    }
  });
});

describe('parseWhen: labels, ambiguity and mistakes', () => {
  it('keeps the words after the date as the label', () => {
    const r = parseWhen('2026-12-05 order 8123 (shoes)', NOW, 'UTC');
    expect(r).toMatchObject({ kind: 'ok', label: 'order 8123 (shoes)' });
    expect(parseWhen('12d', NOW, 'UTC')).toMatchObject({ label: null });
  });

  it('asks about day/month order when both readings are dates', () => {
    const r = parseWhen('3/4 order 5', NOW, 'UTC');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') {
      expect(r.options.map((d) => d.toISOString().slice(0, 10))).toEqual(['2027-04-03', '2027-03-04']);
      expect(r.label).toBe('order 5');
    }
    expect(parseWhen('4/4', NOW, 'UTC').kind).toBe('ok');
  });

  it('refuses past dates, dates more than a year away, impossible dates and nonsense', () => {
    expect(at('2025-01-01')).toBe('past');
    expect(at('Nov 20')).toBe('past');
    expect(at('2028-01-01')).toBe('too-far');
    expect(at('31.02.2027')).toBe('invalid');
    expect(at('2026-12-05T25:00')).toBe('invalid');
    expect(at('banana')).toBe('invalid');
    expect(at('   ')).toBe('empty');
  });
});

describe('findWhen', () => {
  it('finds a date or a duration inside a sentence', () => {
    expect(findWhen('dispute open, protection ends 5 Dec, seller says wait', NOW, 'UTC')?.at.toISOString()).toBe('2026-12-05T23:59:59.000Z');
    const left = findWhen('осталось 3 дня, брак', NOW, 'UTC');
    expect(left?.relative).toBe(true);
    expect(findWhen('nothing here', NOW, 'UTC')).toBeUndefined();
  });
});
